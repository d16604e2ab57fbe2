import FineTuning
import FineTuningDataset
import Testing
import Foundation

/// Bedrock's Claude 3 fine-tuning format: detected, validated with `file:line: field` problems,
/// converted both ways, counted.
@Suite struct BedrockClaudeFormatTests {
    static let valid = """
        {"system": "You are a concise support agent.", "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello."}]}
        {"messages": [{"role": "user", "content": "Reset?"}, {"role": "assistant", "content": "Settings > Account."}, {"role": "user", "content": "Thanks"}, {"role": "assistant", "content": "Any time."}]}

        """

    @Test func detectsAndAcceptsValidData() throws {
        let files = try DatasetTestFiles()
        let path = try files.write("claude.jsonl", Self.valid)
        let report = try DatasetValidator.validate(path: path)
        #expect(report.format == .bedrockClaude)
        #expect(report.exampleCount == 2)
        #expect(report.problems == [])
    }

    @Test func namesFileLineAndFieldOfEveryProblem() throws {
        let files = try DatasetTestFiles()
        let path = try files.write("bad.jsonl", """
            {"system": "s", "messages": [{"role": "system", "content": "x"}, {"role": "assistant", "content": "y"}]}
            {"system": "s", "messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}, {"role": "assistant", "content": "c"}]}
            {"system": 7, "messages": [{"role": "user", "content": "a"}, {"role": "assistant", "content": ["c"]}]}
            {"system": "s", "messages": [{"role": "user", "content": "a"}]}

            """)
        let report = try DatasetValidator.validate(path: path, format: .bedrockClaude)
        let problems = report.problems.map(\.description)
        #expect(problems.contains { $0.hasPrefix("\(path):1: messages[0].role: unknown role 'system'") })
        #expect(problems.contains("\(path):2: messages[1].role: user and assistant turns must alternate"))
        #expect(problems.contains("\(path):3: system: expected a string, found number"))
        #expect(problems.contains("\(path):3: messages[1].content: expected a string, found array"))
        #expect(problems.contains("\(path):4: messages[0].role: the last turn must be from the assistant"))
    }

    @Test func convertsFromOpenAIChatAndBack() throws {
        let files = try DatasetTestFiles()
        let chat = try files.write("chat.jsonl", """
            {"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello."}]}

            """)
        _ = try DatasetConverter.convert(input: chat, to: .bedrockClaude, output: files.path("claude.jsonl"))
        let converted = try JSONValue(parsing: files.read("claude.jsonl").trimmingCharacters(in: .newlines))
        #expect(converted["system"] == "Be brief.")
        #expect(converted["messages"]?.arrayValue?.count == 2)
        #expect(converted["messages"]?.arrayValue?.first?["role"] == "user")
        _ = try DatasetConverter.convert(input: files.path("claude.jsonl"), to: .openAIChat, output: files.path("back.jsonl"))
        #expect(try JSONValue(parsing: files.read("back.jsonl").trimmingCharacters(in: .newlines)) == JSONValue(parsing: files.read("chat.jsonl").trimmingCharacters(in: .newlines)))
    }

    @Test func bedrockRequirementsCountExamples() throws {
        let files = try DatasetTestFiles()
        let path = try files.write("few.jsonl", Self.valid)
        let report = try DatasetValidator.validate(path: path, format: .bedrockClaude, requirements: .bedrockClaude)
        #expect(report.problems.map(\.message).contains { $0.contains("minimum of 32") })
    }
}
