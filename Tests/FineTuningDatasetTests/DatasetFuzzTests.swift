@testable import FineTuningDataset
import Testing

/// Feeds random bytes and random mutations of valid lines to the JSON reader and the CSV reader: nothing
/// may crash, and every record that is not a clean example must come with a located problem.
@Suite struct DatasetFuzzTests {
    static let validLines: [[UInt8]] = [
        Samples.chat("What is the capital of France?", "Paris.", system: "Answer briefly."),
        #"{"contents":[{"role":"user","parts":[{"text":"hé \u00e9 \ud83d\ude00"}]},{"role":"model","parts":[{"text":"ok"}]}]}"#,
        #"{"prompt":"p \"quoted\"","completion":"c\nnext"}"#,
        #"{"id":1,"session_id":"s","role":"user","content":"x","related_message":null}"#,
        "prompt,completion\n\"a,b\",\"c\"\"d\"\nplain,text",
    ].map { Array($0.utf8) }

    static let interestingBytes: [UInt8] = [0x22, 0x5C, 0x2C, 0x0A, 0x0D, 0x7B, 0x7D, 0x5B, 0x5D, 0x3A, 0x00, 0x80, 0xBF, 0xC0, 0xE2, 0xED, 0xF0, 0xF4, 0xFF, 0x75]

    func mutate(_ line: [UInt8], _ random: inout SeededRandomNumberGenerator) -> [UInt8] {
        var bytes = line
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0 where !bytes.isEmpty: bytes[position] = Self.interestingBytes.randomElement(using: &random)!
            case 1: bytes.insert(UInt8.random(in: 0...255, using: &random), at: position)
            case 2 where !bytes.isEmpty: bytes.remove(at: position)
            default: bytes = Array(bytes.prefix(position))  // truncate
            }
        }
        return bytes
    }

    func randomInput(_ random: inout SeededRandomNumberGenerator) -> [UInt8] {
        if Bool.random(using: &random) {
            return (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        return mutate(Self.validLines.randomElement(using: &random)!, &random)
    }

    @Test func tapeParserNeverCrashesAndLocatesErrorsInsideTheLine() {
        var random = SeededRandomNumberGenerator(seed: 20_261_121)
        let tape = JSONTape()
        for _ in 0..<20_000 {
            let bytes = randomInput(&random)
            bytes.withUnsafeBufferPointer { buffer in
                do {
                    try tape.parse(buffer)
                    _ = tape.value(at: 0)  // decoding a parsed tape must work too
                } catch let error as JSONSyntaxError {
                    #expect(error.column >= 1 && error.column <= buffer.count + 1)
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
        }
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        var random = SeededRandomNumberGenerator(seed: 8)
        let pieces: [[UInt8]] = [[0x41], [0xC3, 0xA9], [0xE6, 0x9D, 0xB1], [0xF0, 0x9F, 0x98, 0x80], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xE2, 0x82], [0xFF]]
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &random) {
                bytes += Bool.random(using: &random) ? pieces.randomElement(using: &random)! : [UInt8.random(in: 0...255, using: &random)]
            }
            let failure = bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.flatMap { UTF8Validation.firstFailure(in: $0, count: buffer.count) }
            }
            let valid = String(validating: bytes, as: UTF8.self) != nil
            #expect((failure == nil) == valid, "\(bytes)")
            if let failure {
                #expect(String(validating: bytes[..<failure.offset], as: UTF8.self) != nil, "the bytes before the failure are valid: \(bytes)")
            }
        }
    }

    @Test(arguments: [DatasetFormat.openAIChat, .geminiContents, .promptCompletion, .conversationExport, .csv])
    func readersReportEveryBadRecordWithItsLine(format: DatasetFormat) throws {
        var random = SeededRandomNumberGenerator(seed: 42 &+ UInt64(format.rawValue.count))
        let files = try DatasetTestFiles()
        for round in 0..<60 {
            var content: [UInt8] = []
            let lineCount = Int.random(in: 1...30, using: &random)
            for _ in 0..<lineCount {
                content += randomInput(&random) + [0x0A]
            }
            let path = try files.write("fuzz-\(round).\(format == .csv ? "csv" : "jsonl")", bytes: content)
            let newlines = content.filter { $0 == 0x0A }.count
            let report = try DatasetValidator.validate(path: path, format: format, maxProblems: 10_000)
            #expect(report.omittedProblemCount == 0)
            for problem in report.problems {
                #expect(problem.location.file == path)
                if let line = problem.location.line { #expect(line >= 1 && line <= newlines + 1) }
            }
            let converted = try DatasetConverter.convert(input: path, from: format, to: .openAIChat, output: files.path("out-\(round).jsonl"))
            #expect(converted.converted + converted.skippedInvalid + converted.skippedUnrepresentable <= report.exampleCount)
        }
    }
}
