import FineTuning
import Foundation
import Testing

/// Inputs that once crashed the toolkit or lost data: out-of-range weights, colliding or uncreatable
/// outputs, conversions that convert nothing, and text that would repaint a terminal.
@Suite struct DatasetReliabilityTests {
    static let good = Samples.chat("q", "a")

    static func weighted(_ weight: String) -> String {
        #"{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"yo","weight":\#(weight)}]}"#
    }

    /// Names in `directory` other than `kept`: leftovers such as temporary files.
    func leftovers(_ files: DatasetTestFiles, keeping kept: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: files.directory.path).filter { !kept.contains($0) }
    }

    @Test(arguments: ["1e19", "1e300", "-1e300", "2", "0.5", "1e-300"])
    func outOfRangeWeightsAreProblemsEverywhere(weight: String) throws {
        let files = try DatasetTestFiles()
        let source = try files.write("data.jsonl", [Self.weighted(weight), Self.good].joined(separator: "\n"))
        let report = try DatasetValidator.validate(path: source)
        #expect(report.problems.map(\.description) == ["\(source):1: messages[1].weight: weight must be 0 or 1"])
        for format in [DatasetFormat.openAIChat, .geminiContents] {
            let summary = try DatasetConverter.convert(input: source, to: format, output: files.path("out-\(format.rawValue).jsonl"))
            #expect(summary.converted == 1)
            #expect(summary.skippedInvalid == 1)
        }
        let split = try DatasetSplitter.split(
            input: source, trainOutput: files.path("train.jsonl"), validationOutput: files.path("valid.jsonl"), validationFraction: 0.5)
        #expect(split.trainCount + split.validationCount == 1)
        #expect(split.problems.map(\.description) == ["\(source):1: messages[1].weight: weight must be 0 or 1"])
    }

    @Test func aConversionThatConvertsNothingFailsAndWritesNothing() throws {
        let files = try DatasetTestFiles()
        let source = try files.write("data.jsonl", [Self.weighted("1e19"), "{not json"].joined(separator: "\n"))
        #expect {
            try DatasetConverter.convert(input: source, to: .openAIChat, output: files.path("out.jsonl"))
        } throws: { error in
            let error = error as? FineTuningError
            return error?.code == .invalidData && error?.details.count == 2 && error?.location?.file == source
        }
        #expect(try leftovers(files, keeping: ["data.jsonl"]).isEmpty)
    }

    @Test func aFailedConversionLeavesTheExistingOutputUntouched() throws {
        let files = try DatasetTestFiles()
        let source = try files.write("data.jsonl", "{not json")
        let output = try files.write("out.jsonl", "precious\n")
        #expect(throws: FineTuningError.self) { try DatasetConverter.convert(input: source, to: .geminiContents, output: output) }
        #expect(try files.read("out.jsonl") == "precious\n")
        #expect(try leftovers(files, keeping: ["data.jsonl", "out.jsonl"]).isEmpty)
    }

    @Test func splittingIntoOneFileTwiceIsRefusedBeforeAnythingIsWritten() throws {
        let files = try DatasetTestFiles()
        let source = try files.write("data.jsonl", (0..<40).map { Samples.chat("q\($0)", "a\($0)") }.joined(separator: "\n"))
        for (train, validation) in [("x.jsonl", "x.jsonl"), ("x.jsonl", "./x.jsonl"), ("sub/../x.jsonl", "x.jsonl")] {
            try FileManager.default.createDirectory(atPath: files.path("sub"), withIntermediateDirectories: true)
            #expect {
                try DatasetSplitter.split(input: source, trainOutput: files.path(train), validationOutput: files.path(validation), validationFraction: 0.5)
            } throws: { ($0 as? FineTuningError)?.code == .invalidRequest }
            #expect(try leftovers(files, keeping: ["data.jsonl", "sub"]).isEmpty)
        }
    }

    @Test func whenOneSplitOutputCannotBeCreatedNeitherIsLeftBehind() throws {
        let files = try DatasetTestFiles()
        let source = try files.write("data.jsonl", (0..<10).map { Samples.chat("q\($0)", "a\($0)") }.joined(separator: "\n"))
        #expect {
            try DatasetSplitter.split(
                input: source, trainOutput: files.path("train.jsonl"), validationOutput: files.path("missing/valid.jsonl"), validationFraction: 0.5)
        } throws: { error in
            let error = error as? FineTuningError
            return error?.location?.file == files.path("missing/valid.jsonl")
        }
        #expect(try leftovers(files, keeping: ["data.jsonl"]).isEmpty)
    }

    @Test(arguments: [DatasetFormat.openAIChat, .geminiContents, .promptCompletion, .conversationExport])
    func everyJSONFormatIsReadFromAJSONArrayToo(format: DatasetFormat) throws {
        let files = try DatasetTestFiles()
        let source = try files.write("chat.jsonl", (0..<5).map { Samples.chat("question \($0)", "answer\\n\($0)") }.joined(separator: "\n"))
        let lines = files.path("lines.jsonl")
        _ = try DatasetConverter.convert(input: source, to: format, output: lines)
        let records = try files.read("lines.jsonl").split(separator: "\n")
        let array = try files.write("array.json", "\u{FEFF} [\n" + records.joined(separator: ",\n  ") + "\n]\n")
        let report = try DatasetValidator.validate(path: array)
        #expect(report.format == format)
        #expect(report.isValid, "\(report.problems)")
        _ = try DatasetConverter.convert(input: array, to: .openAIChat, output: files.path("back.jsonl"))
        _ = try DatasetConverter.convert(input: source, to: .openAIChat, output: files.path("reference.jsonl"))
        #expect(try files.read("back.jsonl") == files.read("reference.jsonl"))
    }

    @Test func aBrokenArrayElementIsReportedAtItsLineAndTheRestIsRead() throws {
        let files = try DatasetTestFiles()
        let array = try files.write("array.json", "[\n" + [Self.good, "{\"messages\": [}", "7", Self.good].joined(separator: ",\n") + "\n")
        let report = try DatasetValidator.validate(path: array, format: .openAIChat)
        #expect(report.problems.map { $0.location.line } == [3, 4, 6])
        #expect(report.problems.last?.message == "the JSON array is not closed with ']'")
    }

    /// The Flask service's export, verbatim in shape: a JSON array, the answer embedded, no ids.
    static let seedExport = """
        [
          {"content": "How do I reset my password?", "role": "user", "session_id": "s-1",
           "related_message": {"content": "Use the link on the sign-in page.", "role": "assistant"}},
          {"content": "Use the link on the sign-in page.", "role": "assistant", "session_id": "s-1",
           "related_message": {"content": "How do I reset my password?", "role": "user"}},
          {"content": "When are you open?", "role": "user", "session_id": "s-2",
           "related_message": {"content": "9 to 5, Monday to Friday.", "role": "assistant"}},
          {"content": "Thanks", "role": "user", "session_id": "s-2", "related_message": null}
        ]
        """

    @Test func theSeedsConversationExportConvertsAsArrayAndAsJSONLines() throws {
        let files = try DatasetTestFiles()
        let array = try files.write("export.json", Self.seedExport)
        let records = try JSONValue(parsing: Self.seedExport).arrayValue!
        let lines = try files.write("export.jsonl", records.map(\.jsonText).joined(separator: "\n"))
        for path in [array, lines] {
            let report = try DatasetValidator.validate(path: path)
            #expect(report.format == .conversationExport)
            #expect(report.isValid, "\(report.problems)")
            let output = files.path("gemini.jsonl")
            let summary = try DatasetConverter.convert(input: path, to: .geminiContents, output: output)
            #expect(summary.converted == 2)
            let first = try JSONValue(parsing: String(files.read("gemini.jsonl").split(separator: "\n")[0]))
            #expect(first["contents"]?.arrayValue?[1]["parts"]?.arrayValue?[0]["text"]?.stringValue == "Use the link on the sign-in page.")
        }
    }

    @Test func anEmbeddedPairOfTwoUserMessagesIsAProblem() throws {
        let files = try DatasetTestFiles()
        let path = try files.write("export.jsonl", #"{"content":"a","role":"user","session_id":"s","related_message":{"content":"b","role":"user"}}"#)
        let report = try DatasetValidator.validate(path: path)
        #expect(report.problems.map(\.location.field) == ["related_message.role"])
    }

    @Test func problemsFromDataAreOneLineWithoutControlCharacters() throws {
        let files = try DatasetTestFiles()
        let path = try files.write("data.jsonl", #"{"messages":[{"role":"us\u001b[31mRED\u2028\ner","content":"a"},{"role":"assistant","content":"b"}]}"#)
        let report = try DatasetValidator.validate(path: path)
        let line = try #require(report.problems.first).description
        #expect(line.hasPrefix("\(path):1: messages[0].role: unknown role 'us\\u{1B}[31mRED\\u{2028}\\ner'"))
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.value == 0x2028 })
    }
}
