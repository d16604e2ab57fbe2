import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing

/// The fault matrix's create column and an echoed key, through the `finetune` executable: the exit code
/// and the jobs the server made, and nothing secret on stdout or stderr.
@Suite struct FaultInjectionCLITests {
    /// Runs `finetune` with `arguments` and only `environment`; returns the exit status, stdout and stderr.
    static func finetune(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = OpenAICLITests.executable
        process.arguments = arguments
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
    }

    @Test(arguments: [FaultyFineTuningServer.Fault.reset, .truncate, .garble, .unavailable])
    func aFaultyCreateMakesOneJobAndExitsZero(fault: FaultyFineTuningServer.Fault) throws {
        let server = try FaultyFineTuningServer(
            prefix: "/v1", fault: (.create, fault), stallSeconds: 0, jobTemplate: FaultInjectionTests.jobTemplate(), existingJob: false)
        defer { server.server.stop() }
        let result = try Self.finetune(
            ["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", FaultInjectionTests.fixtures.appendingPathComponent("train.jsonl").path, "--json"],
            environment: ["OPENAI_API_KEY": "sk-cli-fault-key-1", "OPENAI_BASE_URL": server.server.url("/v1").absoluteString])
        print("fault matrix (CLI): openai create \(fault.rawValue): jobs created \(server.createdJobs), exit \(result.status)")
        #expect(result.status == 0, "\(result.errors)")
        #expect(server.createdJobs == 1)
    }

    @Test func anUploadThatFailsMakesNoJobAndExitsSeven() throws {
        let server = try FaultyFineTuningServer(
            prefix: "/v1", fault: (.upload, .reset), stallSeconds: 0, jobTemplate: FaultInjectionTests.jobTemplate(), existingJob: false)
        defer { server.server.stop() }
        let result = try Self.finetune(
            ["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", FaultInjectionTests.fixtures.appendingPathComponent("train.jsonl").path],
            environment: ["OPENAI_API_KEY": "sk-cli-fault-key-1", "OPENAI_BASE_URL": server.server.url("/v1").absoluteString])
        print("fault matrix (CLI): openai upload reset: jobs created \(server.createdJobs), exit \(result.status)")
        #expect(result.status == 7, "\(result.errors)")
        #expect(server.createdJobs == 0)
        #expect(result.errors.hasPrefix("error: transport"), "\(result.errors)")
    }

    @Test func anEchoedAzureKeyReachesNeitherStderrNorTheJSONDocument() throws {
        let key = "4a5b6c7d8e9f00112233445566778899"
        let server = try EchoedSecretTests.echoingServer()
        defer { server.stop() }
        let result = try Self.finetune(
            ["get", "azure:ftjob-1", "--json"], environment: ["AZURE_OPENAI_API_KEY": key, "AZURE_OPENAI_ENDPOINT": server.baseURL.absoluteString])
        #expect(result.status == 4)
        #expect(result.errors.contains("Incorrect API key provided: REDACTED"), "\(result.errors)")
        #expect(!result.errors.contains(key) && !result.output.contains(key), "\(result.output)\n\(result.errors)")
    }
}
