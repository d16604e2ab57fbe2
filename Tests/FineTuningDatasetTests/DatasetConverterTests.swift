import FineTuningDataset
import Foundation
import Testing

@Suite struct DatasetConverterTests {
    static let tricky = "line one\nline \"two\", with comma é 😀"

    /// Single-turn examples every format can hold.
    static let pairs = [
        ("What is 2+2?", "4"),
        (tricky, "plain answer"),
        ("q3", tricky),
    ]

    func examples(at path: String, format: DatasetFormat) throws -> [TrainingExample] {
        // Read back through the public API: convert to OpenAI chat and decode each line.
        let files = try DatasetTestFiles()
        let out = files.path("readback.jsonl")
        _ = try DatasetConverter.convert(input: path, from: format, to: .openAIChat, output: out)
        return try files.read("readback.jsonl").split(separator: "\n").map { line in
            let value = try JSONValue(parsing: String(line))
            let messages = value["messages"]?.arrayValue ?? []
            return TrainingExample(turns: messages.map {
                TrainingExample.Turn(role: TrainingExample.Role(rawValue: $0["role"]!.stringValue!)!, text: $0["content"]!.stringValue!)
            })
        }
    }

    /// The supervised formats; preference pairs convert only among themselves (PreferenceFormatTests).
    static let supervised = DatasetFormat.allCases.filter { !$0.isPreference }

    @Test(arguments: supervised, supervised)
    func convertsEveryPairOfFormatsBothWays(from: DatasetFormat, to: DatasetFormat) throws {
        let files = try DatasetTestFiles()
        let source = try files.write("source.jsonl", Self.pairs.map { pair in
            String(decoding: ExampleJSON.chat(pair.0, pair.1), as: UTF8.self)
        }.joined(separator: "\n"))
        let start = files.path("start." + (from == .csv ? "csv" : "jsonl"))
        _ = try DatasetConverter.convert(input: source, to: from, output: start)
        let middle = files.path("middle." + (to == .csv ? "csv" : "jsonl"))
        let forward = try DatasetConverter.convert(input: start, from: from, to: to, output: middle)
        #expect(forward.converted == 3)
        #expect(forward.problems.isEmpty)
        let back = files.path("back." + (from == .csv ? "csv" : "jsonl"))
        _ = try DatasetConverter.convert(input: middle, from: to, to: from, output: back)
        let expected = Self.pairs.map { TrainingExample(turns: [.init(role: .user, text: $0.0), .init(role: .assistant, text: $0.1)]) }
        #expect(try examples(at: back, format: from) == expected)
        #expect(try DatasetValidator.validate(path: middle, format: to).isValid)
    }

    @Test func keepsSystemPromptsToolsAndWeightsBetweenChatFormats() throws {
        let files = try DatasetTestFiles()
        let line = #"{"messages":[{"role":"system","content":"sys"},{"role":"user","content":"q"},{"role":"assistant","content":"draft","weight":0},{"role":"user","content":"again"},{"role":"assistant","content":"final","weight":1}]}"#
        let source = try files.write("chat.jsonl", line)
        let gemini = files.path("gemini.jsonl")
        #expect {
            try DatasetConverter.convert(input: source, to: .geminiContents, output: gemini)
        } throws: { error in
            (error as? FineTuningError)?.details.first?.contains("weight 0") == true
        }
        let copy = files.path("copy.jsonl")
        _ = try DatasetConverter.convert(input: source, to: .openAIChat, output: copy)
        #expect(try JSONValue(parsing: files.read("copy.jsonl")) == JSONValue(parsing: line))
    }

    @Test func refusesWhatTheTargetCannotHoldAndSaysWhy() throws {
        let files = try DatasetTestFiles()
        let source = try files.write("chat.jsonl", [
            Samples.chat("q", "a", system: "sys"),
            #"{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"},{"role":"user","content":"q2"},{"role":"assistant","content":"a2"}]}"#,
            "{broken",
            Samples.chat("q", "a"),
        ].joined(separator: "\n"))
        let summary = try DatasetConverter.convert(input: source, to: .csv, output: files.path("out.csv"))
        #expect(summary.converted == 1)
        #expect(summary.skippedUnrepresentable == 2)
        #expect(summary.skippedInvalid == 1)
        #expect(summary.problems.map(\.location.line) == [1, 2, 3])
        #expect(try files.read("out.csv") == "prompt,completion\nq,a\n")
    }

    @Test func geminiSystemInstructionBecomesASystemPrompt() throws {
        let files = try DatasetTestFiles()
        let source = try files.write("g.jsonl", #"{"systemInstruction":{"role":"system","parts":[{"text":"be "},{"text":"brief"}]},"contents":[{"role":"user","parts":[{"text":"q"}]},{"role":"model","parts":[{"text":"a"}]}]}"#)
        _ = try DatasetConverter.convert(input: source, to: .openAIChat, output: files.path("c.jsonl"))
        #expect(try JSONValue(parsing: files.read("c.jsonl")) == ["messages": [
            ["role": "system", "content": "be brief"], ["role": "user", "content": "q"], ["role": "assistant", "content": "a"],
        ]])
    }

    @Test func skipsNonTextPartsRatherThanDroppingThem() throws {
        let files = try DatasetTestFiles()
        let source = try files.write("parts.jsonl", [
            #"{"messages":[{"role":"user","content":[{"type":"text","text":"what is this?"},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]},{"role":"assistant","content":"a cat"}]}"#,
            #"{"messages":[{"role":"user","content":[{"type":"text","text":"hello "},{"type":"text","text":"there"}]},{"role":"assistant","content":"hi"}]}"#,
        ].joined(separator: "\n"))
        let summary = try DatasetConverter.convert(input: source, to: .openAIChat, output: files.path("out.jsonl"))
        #expect(summary.converted == 1)
        #expect(summary.skippedUnrepresentable == 1)
        #expect(summary.problems.map(\.location.line) == [1])
        #expect(try JSONValue(parsing: files.read("out.jsonl"))["messages"]?.arrayValue?.first?["content"] == "hello there")
    }

    @Test func refusesToOverwriteItsInput() throws {
        let files = try DatasetTestFiles()
        let source = try files.write("in.jsonl", Samples.chat("q", "a"))
        let sameFile = files.directory.path + "/./in.jsonl"
        let error = try #require(throws: FineTuningError.self) {
            try DatasetConverter.convert(input: source, to: .geminiContents, output: sameFile)
        }
        #expect(error.code == .invalidRequest)
        #expect(try files.read("in.jsonl") == Samples.chat("q", "a"))
        #expect(throws: FineTuningError.self) {
            try DatasetSplitter.split(input: source, trainOutput: sameFile, validationOutput: files.path("v.jsonl"), validationFraction: 0.1)
        }
    }
}

/// Builds OpenAI chat lines with proper escaping.
enum ExampleJSON {
    static func chat(_ question: String, _ answer: String) -> Data {
        JSONValue.object(["messages": [["role": "user", "content": .string(question)], ["role": "assistant", "content": .string(answer)]]]).serialized()
    }
}
