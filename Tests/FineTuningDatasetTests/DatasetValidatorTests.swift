import FineTuning
import FineTuningDataset
import Testing
import Foundation

@Suite struct DatasetValidatorTests {
    func validate(_ name: String, _ text: String, format: DatasetFormat? = nil, requirements: DatasetRequirements? = nil, maxProblems: Int = 50) throws -> DatasetReport {
        let files = try DatasetTestFiles()
        return try DatasetValidator.validate(path: files.write(name, text), format: format, requirements: requirements, maxProblems: maxProblems)
    }

    /// The problems as `line: field: message`, without the temporary path.
    func lines(_ report: DatasetReport) -> [String] {
        report.problems.map { problem in
            [problem.location.line.map(String.init), problem.location.field, problem.message].compactMap { $0 }.joined(separator: ": ")
        }
    }

    @Test func acceptsAValidChatFileWithCRLFBlankLinesAndBOM() throws {
        let text = "\u{FEFF}" + Samples.chat("hi", "hello", system: "be brief") + "\r\n\r\n" + Samples.chat("2+2?", "4") + "\r\n"
        let report = try validate("ok.jsonl", text)
        #expect(report.format == .openAIChat)
        #expect(report.exampleCount == 2)
        #expect(report.problems.isEmpty)
        #expect(report.isValid)
    }

    @Test func reportsEveryProblemWithLineAndField() throws {
        let text = [
            Samples.chat("fine", "ok"),
            #"{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"   "}]}"#,
            #"{"messages":[{"role":"robot","content":"q"}]}"#,
            #"{"messages":[{"role":"user","content":5},{"role":"assistant","content":"a"}]}"#,
            #"{"messages":[{"role":"user","content":"q"}]}"#,
            #"[{"role":"user"}]"#,
            "42",
            #"{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a","weight":2}]}"#,
            #"{"messages":"nope"}"#,
            #"{"messages":[{"role":"assistant","content":"a"}]}"#,
            #"{"messages":[{"role":"user","content":"cut"#,
        ].joined(separator: "\n")
        let report = try validate("bad.jsonl", text)
        #expect(report.exampleCount == 11)
        #expect(lines(report) == [
            "2: messages[1].content: empty text",
            "3: messages[0].role: unknown role 'robot' (expected system, user, assistant or tool)",
            "4: messages[0].content: expected a string or an array of content parts, found number",
            "5: messages[0].role: the last turn must be from the assistant",
            "6: expected one JSON object per line, found an array (a top-level array is not JSON Lines: put one object per line)",
            "7: expected one JSON object per line, found a number",
            "8: messages[1].weight: weight must be 0 or 1",
            "9: messages: expected an array, found string",
            "10: messages[0].role: the conversation must start with a user turn",
            "11: invalid JSON at column 43: unterminated string (truncated JSON?)",
        ])
        #expect(report.problems[0].description.hasSuffix("bad.jsonl:2: messages[1].content: empty text"))
    }

    @Test func capsTheListAndCountsTheRest() throws {
        let text = Array(repeating: "not json", count: 60).joined(separator: "\n")
        let report = try validate("junk.jsonl", text, format: .openAIChat, maxProblems: 5)
        #expect(report.problems.count == 5)
        #expect(report.omittedProblemCount == 55)
        #expect(report.problems.map(\.location.line) == [1, 2, 3, 4, 5])
    }

    @Test func reportsInvalidUTF8AndGoesOn() throws {
        let files = try DatasetTestFiles()
        let bytes = Array(#"{"messages":[{"role":"user","content":"b"#.utf8) + [0xFF] + Array("\"}]}\n".utf8)
            + Array((Samples.chat("q", "a") + "\n").utf8)
        let report = try DatasetValidator.validate(path: files.write("utf8.jsonl", bytes: bytes), format: .openAIChat)
        #expect(report.exampleCount == 2)
        #expect(report.problems.count == 1)
        #expect(report.problems[0].location.line == 1)
        #expect(report.problems[0].message == "invalid JSON at column 41: invalid UTF-8 byte 0xFF")
    }

    @Test func appliesProviderRequirements() throws {
        let report = try validate("few.jsonl", Samples.chat("q", "a"), requirements: .openAIChat)
        #expect(lines(report) == ["1 examples, fewer than the provider's minimum of 10"])
        let gemini = try validate("few.jsonl", Samples.chat("q", "a"), requirements: .vertexGemini)
        #expect(lines(gemini).first == "the target provider expects gemini data, this file is openai_chat: convert it first")
    }

    @Test func checksGeminiRoleOrder() throws {
        let text = [
            #"{"systemInstruction":{"parts":[{"text":"be nice"}]},"contents":[{"role":"user","parts":[{"text":"q"}]},{"role":"model","parts":[{"text":"a"}]}]}"#,
            #"{"contents":[{"role":"user","parts":[{"text":"q"}]},{"role":"user","parts":[{"text":"again"}]},{"role":"model","parts":[{"text":"a"}]}]}"#,
            #"{"contents":[{"role":"user","parts":[{"text":"q"}]},{"role":"assistant","parts":[{"text":"a"}]}]}"#,
        ].joined(separator: "\n")
        let report = try validate("gemini.jsonl", text)
        #expect(report.format == .geminiContents)
        #expect(lines(report) == [
            "2: contents[1].role: user and model turns must alternate",
            "3: contents[1].role: unknown role 'assistant' (expected user or model)",
        ])
    }

    @Test func readsCSVWithQuotedNewlinesAndReportsBadRows() throws {
        let text = "prompt,completion\r\n\"multi\r\nline, with comma\",\"say \"\"hi\"\"\"\r\nonly one field\r\nq,\r\n\"unterminated,a\n"
        let report = try validate("data.csv", text)
        #expect(report.format == .csv)
        #expect(report.exampleCount == 4)
        #expect(lines(report) == [
            "4: expected 2 fields as in the header, found 1",
            "5: completion: empty text",
            "6: unterminated quoted field at the end of the file",
        ])
    }

    @Test func pairsConversationExportsPerSession() throws {
        let text = [
            #"{"id":"1","session_id":"s1","role":"user","content":"hi","related_message":null}"#,
            #"{"id":"2","session_id":"s2","role":"user","content":"other","related_message":null}"#,
            #"{"id":"3","session_id":"s1","role":"assistant","content":"hello","related_message":"1"}"#,
            #"{"id":"4","session_id":"s2","role":"assistant","content":"reply","related_message":"1"}"#,
            #"{"id":5,"session_id":"s2","role":"assistant","content":"ok","related_message":2}"#,
        ].joined(separator: "\n")
        let report = try validate("export.jsonl", text)
        #expect(report.format == .conversationExport)
        #expect(report.exampleCount == 3)
        #expect(lines(report) == ["4: related_message: '1' is not a user message of session 's2'"])
    }

    @Test func fileLevelErrorsAreLocated() throws {
        let files = try DatasetTestFiles()
        let empty = try files.write("empty.jsonl", "")
        let error = try #require(throws: FineTuningError.self) { try DatasetValidator.validate(path: empty) }
        #expect(error.code == .invalidData)
        #expect(error.location?.file == empty)
        let report = try DatasetValidator.validate(path: empty, format: .openAIChat)
        #expect(report.problems.map(\.message) == ["the file holds no examples"])
        let missing = try #require(throws: FineTuningError.self) { try DatasetValidator.validate(path: files.path("missing.jsonl")) }
        #expect(missing.message.contains("no such file"))
        let directory = try #require(throws: FineTuningError.self) { try DatasetValidator.validate(path: files.directory.path) }
        #expect(directory.message.contains("directory"))
    }

    @Test func detectsCSVByItsHeaderWhateverTheExtension() throws {
        let report = try validate("data.txt", "\"Prompt\", completion\nq,a\n")
        #expect(report.format == .csv)
        #expect(report.isValid)
    }

    @Test func detectionSkipsABadFirstLine() throws {
        let report = try validate("late.jsonl", "oops\n" + #"{"prompt":"p","completion":"c"}"#)
        #expect(report.format == .promptCompletion)
        #expect(report.exampleCount == 2)
        #expect(report.problems.count == 1)
    }

    @Test func reportRoundTripsThroughTheWireFormat() throws {
        let report = try validate("bad.jsonl", #"{"messages":[]}"#)
        let data = try WireFormat.document("dataset_report", report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""example_count":1"#))
        #expect(text.contains(#""is_valid":false"#))
        let decoded = try WireFormat.value(DatasetReport.self, at: "dataset_report", in: data)
        #expect(decoded.problems == report.problems)
    }
}
