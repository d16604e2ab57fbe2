import ArgumentParser
import FineTuning
import Foundation
import Testing

@testable import FineTuningCLI

/// The library's enums as command-line values (`--status`, `--method`, `--adapter-size`).
@Suite struct CommandLineValueTests {
    /// The `finetune` executable, built beside the test bundle.
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        .deletingLastPathComponent().appendingPathComponent("finetune")

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
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = [:]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 64, "\(text)")
        #expect(text.contains(listed), "\(text)")
    }
}
