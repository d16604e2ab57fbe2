import Foundation
import Testing

/// Command-line input that once hung, was silently reinterpreted or gave a misleading answer: each is
/// now a usage error (64) or an invalid-input error (3) naming the option, or the right empty answer.
@Suite struct CLIInputTests {
    /// An OpenAI set-up pointing at a port nothing listens on: none of these commands may get that far.
    static let environment = ["OPENAI_API_KEY": "sk-cli-input-key", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"]

    @Test(arguments: [
        (["wait", "openai:ftjob-1", "--timeout", "nan"], "--timeout must be a finite number"),
        (["wait", "openai:ftjob-1", "--poll-interval", "inf"], "--poll-interval must be a finite number"),
        (["wait", "openai:ftjob-1", "--timeout", "1e300"], "--timeout must be a finite number of seconds from 0 to"),
        (["list", "--provider", "openai", "--limit", "-1"], "--limit must be 0 or more"),
        (["list", "--provider", "openai", "--status", "runing"], "runing"),
        (["list", "--provider", "openai", "--status", "RUNNING"], "RUNNING"),
        (["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", "file-1", "--epochs", "3", "-H", "n_epochs=5"],
         "--epochs and -H n_epochs both set epochs"),
        (["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", "file-1", "-H", "n_epochs=3", "-H", "n_epochs=4"],
         "--hyperparameter sets n_epochs twice"),
        (["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", "file-1", "--learning-rate-multiplier", "nan"],
         "--learning-rate-multiplier must be a finite number"),
    ])
    func isAUsageError(arguments: [String], message: String) throws {
        let result = try FinetuneProcess.run(arguments, environment: Self.environment)
        #expect(result.status == 64, "\(result.errors)")
        #expect(result.errors.contains(message), "\(result.errors)")
    }

    @Test func conflictingSpellingsInHyperparametersAreInvalidInput() throws {
        let result = try FinetuneProcess.run(
            ["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", "file-1", "-H", "n_epochs=3", "-H", "epochCount=4"],
            environment: Self.environment)
        #expect(result.status == 3, "\(result.errors)")
        #expect(result.errors.contains("both set epochs"), "\(result.errors)")
    }

    @Test func aNegativeEpochCountIsOutOfRangeNotAMissingValue() throws {
        let result = try FinetuneProcess.run(
            ["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", "file-1", "--epochs", "-1"], environment: Self.environment)
        #expect(result.status == 3, "\(result.errors)")
        #expect(!result.errors.contains("Missing value") && result.errors.contains("epochs"), "\(result.errors)")
    }

    @Test func listWithLimitZeroListsNothing() throws {
        let result = try FinetuneProcess.run(["list", "--provider", "openai", "--limit", "0", "--json"], environment: Self.environment)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains(#""jobs" : [\#n\#n  ]"#) || result.output.contains(#""jobs" : []"#), "\(result.output)")
    }

    /// A scratch folder holding `files`.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    @Test func dataCommandsFailCleanlyAndLeaveNothingHalfWritten() throws {
        let bad = #"{"messages":[{"role":"us\u001b[31mRED\ner","content":"a"},{"role":"assistant","content":"b","weight":1e19}]}"#
        let good = #"{"messages":[{"role":"user","content":"q"},{"role":"assistant","content":"a"}]}"#
        let folder = try Self.folder(["bad.jsonl": bad, "mixed.jsonl": bad + "\n" + good])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }

        let convert = try FinetuneProcess.run(["convert", path("bad.jsonl"), "--to", "openai_chat", "-o", path("out.jsonl")], environment: [:])
        #expect(convert.status == 3, "\(convert.errors)")
        #expect(!FileManager.default.fileExists(atPath: path("out.jsonl")))

        let split = try FinetuneProcess.run(
            ["split", path("mixed.jsonl"), "--train", path("x.jsonl"), "--validation", path("x.jsonl")], environment: [:])
        #expect(split.status == 3, "\(split.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["bad.jsonl", "mixed.jsonl"])

        let validate = try FinetuneProcess.run(["validate", path("mixed.jsonl")], environment: [:])
        #expect(validate.status == 3)
        #expect(!validate.output.contains("\u{1B}"), "\(validate.output)")
        #expect(validate.output.split(separator: "\n").dropLast().allSatisfy { $0.hasPrefix(path("mixed.jsonl") + ":1: ") }, "\(validate.output)")

        let stats = try FinetuneProcess.run(["stats", path("mixed.jsonl")], environment: [:])
        #expect(stats.status == 0)
        #expect(stats.errors.contains("1 invalid records are not counted"), "\(stats.errors)")
    }

    @Test func anUnwritableHARRecordingFailsBeforeAnyRequestNamingThePath() throws {
        let har = "/nonexistent-folder-\(UUID().uuidString)/record.har"
        let result = try FinetuneProcess.run(["get", "openai:ftjob-1"], environment: Self.environment.merging(["FINETUNE_HAR_RECORD": har]) { $1 })
        #expect(result.status == 4, "\(result.errors)")
        #expect(result.errors.contains(har) && !result.errors.contains("NSCocoaErrorDomain"), "\(result.errors)")
    }
}
