import FineTuning
import FineTuningDataset
import Testing

/// Preference (DPO) data, OpenAI's and Vertex Gemini's: detected, validated with `file:line: field`
/// problems, converted between the two (and refused where a format cannot hold a pair), counted with
/// both answers.
@Suite struct PreferenceFormatTests {
    /// OpenAI's documented shape (direct-preference-optimization guide), one line per example.
    static let openAI = """
        {"input": {"messages": [{"role": "user", "content": "How cold is San Francisco today?"}], "tools": [], "parallel_tool_calls": true}, "preferred_output": [{"role": "assistant", "content": "Not very: a high near 68°F."}], "non_preferred_output": [{"role": "assistant", "content": "It is not cold."}]}
        {"input": {"messages": [{"role": "system", "content": "Be exact."}, {"role": "user", "content": "2+2?"}]}, "preferred_output": [{"role": "assistant", "content": "4"}], "non_preferred_output": [{"role": "assistant", "content": "About 4."}]}

        """

    /// Vertex's documented shape (Prepare preference tuning data for Gemini models).
    static let gemini = """
        {"system_instruction": {"parts": [{"text": "You are a chat bot."}]}, "contents": [{"role": "user", "parts": [{"text": "What is my favorite fruit?"}]}], "completions": [{"score": 1, "completion": {"role": "model", "parts": [{"text": "Apple! Apple! Apple!"}]}}, {"score": 0, "completion": {"role": "model", "parts": [{"text": "Your favorite fruit is apple."}]}}]}
        {"contents": [{"role": "user", "parts": [{"text": "Hi"}]}, {"role": "model", "parts": [{"text": "Hello."}]}, {"role": "user", "parts": [{"text": "Bye"}]}], "completions": [{"score": 0, "completion": {"role": "model", "parts": [{"text": "k"}]}}, {"score": 1, "completion": {"role": "model", "parts": [{"text": "Goodbye!"}]}}]}

        """

    @Test func detectsAndAcceptsBothFormats() throws {
        let files = try DatasetTestFiles()
        let openAI = try DatasetValidator.validate(path: files.write("openai.jsonl", Self.openAI))
        #expect(openAI.format == .openAIPreference)
        #expect(openAI.exampleCount == 2)
        #expect(openAI.problems == [])
        let gemini = try DatasetValidator.validate(path: files.write("gemini.jsonl", Self.gemini))
        #expect(gemini.format == .geminiPreference)
        #expect(gemini.exampleCount == 2)
        #expect(gemini.problems == [])
    }

    @Test func namesFileLineAndFieldOfEveryOpenAIProblem() throws {
        let files = try DatasetTestFiles()
        let path = try files.write("bad.jsonl", """
            {"input": {"messages": [{"role": "user", "content": "q"}]}, "preferred_output": [{"role": "assistant", "content": "a"}]}
            {"input": {"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}, "preferred_output": [{"role": "assistant", "content": "b"}], "non_preferred_output": [{"role": "assistant", "content": "c"}]}
            {"input": {"messages": "q"}, "preferred_output": [{"role": "assistant", "content": "b"}], "non_preferred_output": [{"role": "assistant", "content": "c"}]}
            {"input": [], "preferred_output": [{"role": "assistant", "content": "b"}, {"role": "assistant", "content": "b2"}], "non_preferred_output": {"role": "assistant"}}
            {"input": {"messages": [{"role": "user", "content": "q"}], "parallel_tool_calls": "yes"}, "preferred_output": [{"role": "assistant", "content": "b"}], "non_preferred_output": [{"role": "assistant", "content": "c"}]}
            {"input": {"messages": [{"role": "user", "content": "q"}]}, "preferred_output": [{"role": "user", "content": "b", "weight": 1}], "non_preferred_output": [{"role": "assistant", "content": " "}]}

            """)
        let report = try DatasetValidator.validate(path: path, format: .openAIPreference)
        let problems = report.problems.map(\.description)
        #expect(problems.contains("\(path):1: non_preferred_output: missing"))
        #expect(problems.contains("\(path):2: input.messages[1].role: the prompt must end with a user turn (the answers are the preference outputs)"))
        #expect(problems.contains("\(path):3: input.messages: expected an array, found string"))
        #expect(problems.contains("\(path):4: input: expected an object, found array"))
        #expect(problems.contains("\(path):4: preferred_output: must hold exactly one assistant message, found 2"))
        #expect(problems.contains("\(path):4: non_preferred_output: expected an array, found object"))
        #expect(problems.contains("\(path):5: input.parallel_tool_calls: expected a boolean, found string"))
        #expect(problems.contains("\(path):6: preferred_output[0].role: an answer must be from the assistant, not user"))
        #expect(problems.contains("\(path):6: preferred_output[0].weight: a preference answer takes no weight"))
        #expect(problems.contains("\(path):6: non_preferred_output[0].content: empty text"))
        #expect(report.problems.allSatisfy { $0.location.line != nil })
    }

    @Test func namesFileLineAndFieldOfEveryGeminiProblem() throws {
        let files = try DatasetTestFiles()
        let path = try files.write("bad.jsonl", """
            {"contents": [{"role": "user", "parts": [{"text": "q"}]}, {"role": "model", "parts": [{"text": "a"}]}], "completions": [{"score": 1, "completion": {"role": "model", "parts": [{"text": "b"}]}}, {"score": 0, "completion": {"role": "model", "parts": [{"text": "c"}]}}]}
            {"contents": [{"role": "user", "parts": [{"text": "q"}]}], "completions": [{"score": 1, "completion": {"role": "model", "parts": [{"text": "b"}]}}]}
            {"contents": [{"role": "user", "parts": [{"text": "q"}]}], "completions": [{"score": 1, "completion": {"role": "model", "parts": [{"text": "b"}]}}, {"score": 1, "completion": {"role": "model", "parts": [{"text": "c"}]}}]}
            {"contents": [{"role": "user", "parts": [{"text": "q"}]}], "completions": [{"score": 0.5, "completion": {"role": "model", "parts": [{"text": "b"}]}}, {"score": 0, "completion": {"role": "model", "parts": [{"text": "c"}]}}]}
            {"contents": [{"role": "user", "parts": [{"text": "q"}]}], "completions": [{"completion": {"role": "model", "parts": [{"text": "b"}]}}, {"score": 0, "completion": "c"}]}
            {"contents": [{"role": "user", "parts": [{"text": "q"}]}], "completions": [{"score": 1, "completion": {"role": "model", "parts": [{"text": "b"}]}}, {"score": 0, "completion": {"role": "user", "parts": [{"text": "c"}]}}]}

            """)
        let report = try DatasetValidator.validate(path: path, format: .geminiPreference)
        let problems = report.problems.map(\.description)
        #expect(problems.contains("\(path):1: contents[1].role: the prompt must end with a user turn (the answers are the preference outputs)"))
        #expect(problems.contains("\(path):2: completions: must hold exactly two completions (score 1: preferred, score 0: dispreferred), found 1"))
        #expect(problems.contains("\(path):3: completions: needs exactly one preferred and one non-preferred answer, found 2 and 0"))
        #expect(problems.contains("\(path):4: completions[0].score: must be 1 (preferred) or 0 (dispreferred), got 0.5"))
        #expect(problems.contains("\(path):5: completions[0].score: missing"))
        #expect(problems.contains("\(path):5: completions[1].completion: expected an object, found string"))
        #expect(problems.contains("\(path):6: completions[1].completion.role: an answer must be from the model, not user"))
    }

    @Test func convertsOpenAIToGeminiAndBack() throws {
        let files = try DatasetTestFiles()
        let source = try files.write("openai.jsonl", """
            {"input": {"messages": [{"role": "system", "content": "Be exact."}, {"role": "user", "content": "2+2?"}]}, "preferred_output": [{"role": "assistant", "content": "4"}], "non_preferred_output": [{"role": "assistant", "content": "About 4."}]}

            """)
        let summary = try DatasetConverter.convert(input: source, to: .geminiPreference, output: files.path("gemini.jsonl"))
        #expect(summary.converted == 1)
        let gemini = try JSONValue(parsing: files.read("gemini.jsonl").trimmingCharacters(in: .newlines))
        #expect(gemini == [
            "systemInstruction": ["parts": [["text": "Be exact."]]],
            "contents": [["role": "user", "parts": [["text": "2+2?"]]]],
            "completions": [
                ["score": 1, "completion": ["role": "model", "parts": [["text": "4"]]]],
                ["score": 0, "completion": ["role": "model", "parts": [["text": "About 4."]]]],
            ],
        ])
        _ = try DatasetConverter.convert(input: files.path("gemini.jsonl"), to: .openAIPreference, output: files.path("back.jsonl"))
        #expect(try JSONValue(parsing: files.read("back.jsonl").trimmingCharacters(in: .newlines)) == JSONValue(parsing: files.read("openai.jsonl").trimmingCharacters(in: .newlines)))
    }

    @Test func aPairIsNeverCutDownToOneAnswerNorMadeUp() throws {
        let files = try DatasetTestFiles()
        let pairs = try files.write("pairs.jsonl", Self.openAI)
        #expect(throws: FineTuningError.self) { try DatasetConverter.convert(input: pairs, to: .openAIChat, output: files.path("chat.jsonl")) }
        let chat = try files.write("chat.jsonl", Samples.chat("q", "a") + "\n")
        let error = #expect(throws: FineTuningError.self) { try DatasetConverter.convert(input: chat, to: .geminiPreference, output: files.path("pref.jsonl")) }
        #expect(error?.details.contains { $0.contains("needs a preferred and a non-preferred answer") } == true)
    }

    @Test func statisticsCountThePromptAndBothAnswers() throws {
        let files = try DatasetTestFiles()
        let path = try files.write("pair.jsonl", """
            {"input": {"messages": [{"role": "user", "content": "12345678"}]}, "preferred_output": [{"role": "assistant", "content": "1234"}], "non_preferred_output": [{"role": "assistant", "content": "12345678"}]}

            """)
        let statistics = try DatasetStatisticsCollector.collect(path: path)
        #expect(statistics.format == .openAIPreference)
        #expect(statistics.totalCharacters == 20)
        #expect(statistics.estimatedTokens == TokenEstimate.tokens(forCharacters: 8) * 2 + TokenEstimate.tokens(forCharacters: 4))
        #expect(statistics.roleTokens["assistant"]?.sum == TokenEstimate.tokens(forCharacters: 4) + TokenEstimate.tokens(forCharacters: 8))
    }

    @Test func providerRequirementsApply() throws {
        let files = try DatasetTestFiles()
        let report = try DatasetValidator.validate(path: files.write("few.jsonl", Self.openAI), requirements: .openAIPreference)
        #expect(report.problems.map(\.message).contains { $0.contains("minimum of 10") })
        let wrong = try DatasetValidator.validate(path: files.write("gemini.jsonl", Self.gemini), requirements: .openAIPreference)
        #expect(wrong.problems.map(\.message).contains { $0.contains("expects openai_preference data, this file is gemini_preference") })
    }
}
