import FineTuning
import Foundation

/// Writes a HAR archive entry by entry, laid out as `HARArchive.write` lays it out (pretty JSON,
/// sorted keys): each entry is written over the closing tail of the `entries` array, followed by
/// that tail again. An exchange costs one write of its own size, never a rewrite of the file, and
/// the file is a complete archive after every exchange.
final class HARFileAppender {
    private let handle: FileHandle
    /// Where the closing tail starts: the next entry is written here.
    private var tailOffset: UInt64
    private var entryCount = 0
    private let encoder = JSONEncoder()

    /// What follows the last entry.
    private static let tail = Data("""

            ],
            "version" : "\(HARArchive().log.version)"
          }
        }
        """.utf8)

    /// Creates (or empties) `url` and writes an archive without entries.
    init(creating url: URL) throws {
        encoder.outputFormatting = HARArchive.outputFormatting
        let creator = try Self.indented(encoder.encode(HARArchive().log.creator), by: 4, firstLine: false)
        let head = Data("""
            {
              "log" : {
                "creator" : \(creator),
                "entries" : [
            """.utf8)
        guard FileManager.default.createFile(atPath: url.path, contents: head + Self.tail) else {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        handle = try FileHandle(forWritingTo: url)
        tailOffset = UInt64(head.count)
    }

    deinit { try? handle.close() }

    /// Writes `entry` after the ones already in the file.
    func append(_ entry: HARArchive.Entry) throws {
        let separator = entryCount == 0 ? "\n" : ",\n"
        let text = try Data((separator + Self.indented(encoder.encode(entry), by: 6, firstLine: true)).utf8)
        try handle.seek(toOffset: tailOffset)
        try handle.write(contentsOf: text + Self.tail)
        tailOffset += UInt64(text.count)
        entryCount += 1
    }

    /// The JSON text `json` shifted right by `spaces` on every non-empty line (but the first unless
    /// `firstLine`, for a value that continues a line of the enclosing document).
    private static func indented(_ json: Data, by spaces: Int, firstLine: Bool) -> String {
        let padding = String(repeating: " ", count: spaces)
        let lines = String(decoding: json, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        // Empty lines (inside an empty array) stay empty, as the encoder writes them.
        return lines.enumerated().map { index, line in line.isEmpty || (index == 0 && !firstLine) ? String(line) : padding + line }
            .joined(separator: "\n")
    }
}
