@testable import FineTuningDataset
import Testing
import Foundation

@Suite struct DatasetLineReaderTests {
    /// Reads every line with a tiny chunk size so lines straddle chunk boundaries.
    func lines(_ bytes: [UInt8], chunkSize: Int = 16, maxLineBytes: Int = LineReader.defaultMaxLineBytes) throws -> [String] {
        let files = try DatasetTestFiles()
        let path = try files.write("lines.txt", bytes: bytes)
        var result: [String] = []
        try LineReader(file: InputFile(path: path), chunkSize: chunkSize, maxLineBytes: maxLineBytes).forEachLine { number, line in
            switch line {
            case .bytes(let bytes): result.append("\(number):" + String(decoding: bytes, as: UTF8.self))
            case .tooLong(let count): result.append("\(number):too long \(count)")
            case .malformed(let message): result.append("\(number):malformed \(message)")
            }
            return true
        }
        return result
    }

    /// Reads the elements of a JSON array the same way.
    func elements(_ text: String, chunkSize: Int = 16, maxLineBytes: Int = 64) throws -> [String] {
        let files = try DatasetTestFiles()
        let path = try files.write("array.json", text)
        var result: [String] = []
        try JSONArrayReader(file: InputFile(path: path), chunkSize: chunkSize, maxLineBytes: maxLineBytes).forEachLine { number, line in
            switch line {
            case .bytes(let bytes): result.append("\(number):" + String(decoding: bytes, as: UTF8.self))
            case .tooLong(let count): result.append("\(number):too long \(count)")
            case .malformed(let message): result.append("\(number):malformed \(message)")
            }
            return true
        }
        return result
    }

    @Test func splitsAJSONArrayIntoElementsAcrossChunks() throws {
        let text = "\u{FEFF}[ {\"a\": \"x, ] }\\\"\"},\n {\"b\": [1, {\"c\": 2}]},\n\n 7 , \"s\" ,\n" + "{\"long\": \"" + String(repeating: "y", count: 80) + "\"}, {}]  \n"
        #expect(try elements(text) == [
            #"1:{"a": "x, ] }\""}"#, #"2:{"b": [1, {"c": 2}]}"#, "4:7", #"4:"s""#, "5:too long 92", "5:{}",
        ])
    }

    @Test func reportsWhatIsNotAClosedArray() throws {
        #expect(try elements("[{}, {\"a\": 1}") == ["1:{}", #"1:{"a": 1}"#, "1:malformed the JSON array is not closed with ']'"])
        #expect(try elements("[{}] trailing") == ["1:{}", "1:malformed unexpected text after the end of the JSON array"])
        #expect(try elements("{}") == ["1:malformed expected a JSON array starting with '['"])
    }

    @Test func splitsLinesAcrossChunksAndKeepsNumbers() throws {
        let text = "first line that is longer than a chunk\n\nthird\n"
        #expect(try lines(Array(text.utf8)) == ["1:first line that is longer than a chunk", "2:", "3:third"])
    }

    @Test func dropsCRBeforeLFAndTheByteOrderMark() throws {
        #expect(try lines([0xEF, 0xBB, 0xBF] + Array("a\r\nb\r\n".utf8)) == ["1:a", "2:b"])
    }

    @Test func deliversALastLineWithoutNewline() throws {
        #expect(try lines(Array("a\nlast".utf8)) == ["1:a", "2:last"])
    }

    @Test func skipsAnOverLongLineAndGoesOn() throws {
        let long = String(repeating: "x", count: 100)
        #expect(try lines(Array("ok\n\(long)\nnext\n\(long)".utf8), maxLineBytes: 40) == ["1:ok", "2:too long 100", "3:next", "4:too long 100"])
    }

    @Test func readsA20MegabyteLine() throws {
        let long = [UInt8](repeating: UInt8(ascii: "y"), count: 20 << 20)
        let result = try lines(long + Array("\nend\n".utf8), chunkSize: 1 << 20)
        #expect(result.count == 2)
        #expect(result[0].utf8.count == (20 << 20) + 2)
        #expect(result[1] == "2:end")
    }

    @Test func missingFileAndDirectoryAreLocatedErrors() throws {
        let files = try DatasetTestFiles()
        for path in [files.path("nope.jsonl"), files.directory.path] {
            let error = try #require(throws: FineTuningError.self) { try InputFile(path: path) }
            #expect(error.code == .invalidData)
            #expect(error.location?.file == path)
        }
    }

    @Test func validatorChecksA20MegabyteLineAndReportsOneOverTheCap() throws {
        let files = try DatasetTestFiles()
        let big = Samples.chat(String(repeating: "word ", count: 4 << 20), "ok")
        let path = try files.write("big.jsonl", big + "\n" + Samples.chat("q", "") + "\n")
        let report = try DatasetValidator.validate(path: path)
        #expect(report.exampleCount == 2)
        #expect(report.problems.map(\.description) == ["\(path):2: messages[1].content: empty text"])
        let capped = try DatasetValidator.validate(
            source: ExampleSource(path: path, format: .openAIChat, maxLineBytes: 1 << 20), requirements: nil, maxProblems: 50)
        #expect(capped.problems.map(\.description) == [
            "\(path):1: line of \(big.utf8.count) bytes is longer than the limit of 1048576 bytes",
            "\(path):2: messages[1].content: empty text",
        ])
    }
}
