import Foundation

/// Splits a file into lines in bounded memory. It reads fixed-size chunks and hands each line to a callback
/// as bytes that stay valid only during the call, so memory depends on the longest line, never on the file.
/// A CR before the LF and a UTF-8 byte order mark at the start of the file are dropped; a last line without
/// a trailing newline is still delivered. A line longer than `maxLineBytes` is skipped and reported as
/// `.tooLong` so the rest of the file can still be read.
struct LineReader {
    /// The default cap on one line: 64 MiB.
    static let defaultMaxLineBytes = 64 << 20

    enum Line {
        case bytes(UnsafeBufferPointer<UInt8>)
        case tooLong(byteCount: Int)
    }

    let file: InputFile
    let chunkSize: Int
    let maxLineBytes: Int

    init(file: InputFile, chunkSize: Int = 1 << 20, maxLineBytes: Int = LineReader.defaultMaxLineBytes) {
        self.file = file
        self.chunkSize = max(chunkSize, 16)
        self.maxLineBytes = max(maxLineBytes, 1)
    }

    /// Calls `body` with each line and its 1-based number until the file ends or `body` returns false.
    /// Returns the number of lines read (a final line without a newline counts).
    @discardableResult
    func forEachLine(_ body: (_ number: Int, _ line: Line) throws -> Bool) throws -> Int {
        var capacity = chunkSize * 2
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var start = 0  // first byte of the pending line
        var end = 0  // end of valid data
        var scanned = 0  // bytes before this index hold no newline
        var lineNumber = 1
        var atEOF = false
        var skippedBytes: Int?  // set while discarding an over-long line

        func deliver(_ from: Int, _ to: Int) throws -> Bool {
            var lineStart = from
            var lineEnd = to
            if lineNumber == 1, file.startsAtBeginning, lineEnd - lineStart >= 3, buffer[lineStart] == 0xEF, buffer[lineStart + 1] == 0xBB,
                buffer[lineStart + 2] == 0xBF
            {
                lineStart += 3
            }
            if lineEnd > lineStart, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            return try body(lineNumber, .bytes(UnsafeBufferPointer(start: buffer + lineStart, count: lineEnd - lineStart)))
        }

        while true {
            if scanned < end,
                let found = memchr(buffer + scanned, 0x0A, end - scanned)
            {
                let newline = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let keepGoing: Bool
                if let skipped = skippedBytes {
                    keepGoing = try body(lineNumber, .tooLong(byteCount: skipped + newline - start))
                    skippedBytes = nil
                } else {
                    keepGoing = try deliver(start, newline)
                }
                if !keepGoing { return lineNumber }
                lineNumber += 1
                start = newline + 1
                scanned = start
                continue
            }
            scanned = end
            if atEOF {
                if let skipped = skippedBytes {
                    _ = try body(lineNumber, .tooLong(byteCount: skipped + end - start))
                } else if end > start {
                    _ = try deliver(start, end)
                } else {
                    return lineNumber - 1
                }
                return lineNumber
            }
            // Make room for the next chunk: drop consumed bytes, discard an over-long line, or grow.
            let pending = end - start
            if skippedBytes != nil || pending > maxLineBytes {
                skippedBytes = (skippedBytes ?? 0) + pending
                start = 0
                end = 0
            } else if start > 0 {
                if pending > 0 { memmove(buffer, buffer + start, pending) }
                start = 0
                end = pending
            }
            scanned = end
            if capacity - end < chunkSize {
                let grown = max(capacity * 2, end + chunkSize)
                let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
                bigger.update(from: buffer, count: end)
                buffer.deallocate()
                buffer = bigger
                capacity = grown
            }
            let count = try file.read(into: buffer + end, count: min(chunkSize, capacity - end))
            if count == 0 { atEOF = true } else { end += count }
        }
    }
}
