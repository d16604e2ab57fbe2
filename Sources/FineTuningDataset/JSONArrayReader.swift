/// Hands out the elements of a file holding one top-level JSON array (`[{...}, {...}]`, as services export
/// and accept data) one at a time, like `LineReader` hands out the lines of a JSON Lines file: each element's
/// bytes with the line where it starts, in memory bounded by the largest element. It only delimits elements
/// (by matching brackets and braces outside strings); parsing them is left to the caller, so a broken element is reported
/// at its line and the next one is still read.
struct JSONArrayReader: JSONRecordReader {
    let file: InputFile
    let chunkSize: Int
    let maxLineBytes: Int

    init(file: InputFile, chunkSize: Int = 1 << 20, maxLineBytes: Int = LineReader.defaultMaxLineBytes) {
        self.file = file
        self.chunkSize = max(chunkSize, 16)
        self.maxLineBytes = max(maxLineBytes, 1)
    }

    private enum Position {
        case beforeArray, betweenElements, inElement, afterArray
    }

    @discardableResult
    func forEachLine(_ body: (_ number: Int, _ line: LineReader.Line) throws -> Bool) throws -> Int {
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 1)
        defer { chunk.deallocate() }
        var element: [UInt8] = []
        var elementLine = 1
        var elementBytes = 0  // counted even once the element is over the limit and no longer kept
        var openers: [UInt8] = []  // the brackets and braces open in the current element
        var inString = false
        var escaped = false
        var position = Position.beforeArray
        var line = 1
        var atStart = file.startsAtBeginning
        var keepGoing = true

        func deliver() throws {
            if elementBytes > maxLineBytes {
                keepGoing = try body(elementLine, .tooLong(byteCount: elementBytes))
            } else {
                keepGoing = try element.withUnsafeBufferPointer { try body(elementLine, .bytes($0)) }
            }
            element.removeAll(keepingCapacity: true)
            elementBytes = 0
            openers.removeAll(keepingCapacity: true)
            position = .betweenElements
        }

        func append(_ byte: UInt8) {
            elementBytes += 1
            if elementBytes <= maxLineBytes { element.append(byte) } else { element.removeAll() }
        }

        reading: while keepGoing {
            let count = try file.read(into: chunk.baseAddress!, count: chunkSize)
            if count == 0 { break }
            var index = 0
            if atStart {
                atStart = false
                if count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { index = 3 }
            }
            while index < count, keepGoing {
                let byte = chunk[index]
                index += 1
                let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
                switch position {
                case .beforeArray:
                    if byte == UInt8(ascii: "[") {
                        position = .betweenElements
                    } else if !isSpace {
                        keepGoing = try body(line, .malformed(message: "expected a JSON array starting with '['"))
                        break reading
                    }
                case .betweenElements:
                    if byte == UInt8(ascii: "]") {
                        position = .afterArray
                    } else if !isSpace, byte != UInt8(ascii: ",") {
                        position = .inElement
                        elementLine = line
                        index -= 1
                        continue
                    }
                case .inElement:
                    if inString {
                        if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                        append(byte)
                    } else if openers.isEmpty, byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || isSpace {
                        try deliver()  // a scalar element ends here; the caller reports it is not an object
                        index -= 1
                        continue
                    } else {
                        append(byte)
                        if byte == UInt8(ascii: "\"") { inString = true }
                        if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { openers.append(byte) }
                        if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                            // A closer that does not match ends the element too, so one broken element
                            // cannot swallow the ones after it.
                            let matches = openers.last == (byte == UInt8(ascii: "}") ? UInt8(ascii: "{") : UInt8(ascii: "["))
                            if matches { openers.removeLast() }
                            if !matches || openers.isEmpty { try deliver() }
                        }
                    }
                case .afterArray:
                    if !isSpace {
                        keepGoing = try body(line, .malformed(message: "unexpected text after the end of the JSON array"))
                        break reading
                    }
                }
                if byte == 0x0A { line += 1 }
            }
        }
        guard keepGoing else { return line }
        switch position {
        case .beforeArray: break
        case .inElement:
            try deliver()
            if keepGoing { _ = try body(line, .malformed(message: "the JSON array is not closed with ']'")) }
        case .betweenElements: _ = try body(line, .malformed(message: "the JSON array is not closed with ']'"))
        case .afterArray: break
        }
        return line
    }
}
