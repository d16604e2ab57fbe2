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
        let result = try FaultInjectionCLITests.finetune(arguments, environment: Self.environment)
        #expect(result.status == 64, "\(result.errors)")
        #expect(result.errors.contains(message), "\(result.errors)")
    }

    @Test func conflictingSpellingsInHyperparametersAreInvalidInput() throws {
        let result = try FaultInjectionCLITests.finetune(
            ["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", "file-1", "-H", "n_epochs=3", "-H", "epochCount=4"],
            environment: Self.environment)
        #expect(result.status == 3, "\(result.errors)")
        #expect(result.errors.contains("both set epochs"), "\(result.errors)")
    }

    @Test func aNegativeEpochCountIsOutOfRangeNotAMissingValue() throws {
        let result = try FaultInjectionCLITests.finetune(
            ["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", "file-1", "--epochs", "-1"], environment: Self.environment)
        #expect(result.status == 3, "\(result.errors)")
        #expect(!result.errors.contains("Missing value") && result.errors.contains("epochs"), "\(result.errors)")
    }

    @Test func listWithLimitZeroListsNothing() throws {
        let result = try FaultInjectionCLITests.finetune(["list", "--provider", "openai", "--limit", "0", "--json"], environment: Self.environment)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains(#""jobs" : [\#n\#n  ]"#) || result.output.contains(#""jobs" : []"#), "\(result.output)")
    }
}
