import ArgumentParser
import FineTuning
import Foundation
import Testing

@testable import FineTuningCLI

/// The library's enums as command-line values (`--status`, `--method`, `--adapter-size`).
@Suite struct CommandLineValueTests {
    @Test func knownValuesParse() {
        #expect(JobStatus(argument: "running") == .running)
        #expect(JobStatus(argument: "expired") == .expired)
        #expect(TuningMethod(argument: "dpo") == .dpo)
        #expect(AdapterSize(argument: "medium") == .medium)
        #expect(AdapterSize(argument: "16") == .rank(16))
        #expect(AdapterSize(argument: "ADAPTER_SIZE_FOUR") == .rank(4))
    }

    @Test func unknownValuesAreRefused() {
        #expect(JobStatus(argument: "runing") == nil)
        #expect(JobStatus(argument: "unknown") == nil)
        #expect(TuningMethod(argument: "sft") == nil)
        #expect(AdapterSize(argument: "huge") == nil)
        #expect(AdapterSize(argument: "3") == nil)
    }

    @Test(arguments: [
        (["list", "--provider", "openai", "--status", "runing"], "queued"),
        (["create", "--model", "openai/m", "--training-file", "file-1", "--method", "sft"], "supervised"),
        (["create", "--model", "openai/m", "--training-file", "file-1", "--adapter-size", "huge"], "medium"),
    ])
    func anUnknownValueIsAUsageErrorListingTheValidOnes(arguments: [String], listed: String) throws {
        let run = try FinetuneProcess.run(arguments, environment: [:])
        #expect(run.status == 64, "\(run.errors)")
        #expect(run.errors.contains(listed), "\(run.errors)")
    }
}
