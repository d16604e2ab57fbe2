import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Testing

/// The fault matrix's create column and an echoed key, through the `finetune` executable: the exit code
/// and the jobs the server made, and nothing secret on stdout or stderr.
@Suite struct FaultInjectionCLITests {
    static let fixtures = FinetuneProcess.conformance.appendingPathComponent("Fixtures/openai")

    static func jobTemplate() throws -> String {
        try HARArchive(contentsOf: fixtures.appendingPathComponent("get_running.har")).entries[0].response.content.text ?? "{}"
    }

    @Test(arguments: [FaultyFineTuningServer.Fault.reset, .truncate, .garble, .unavailable])
    func aFaultyCreateMakesOneJobAndExitsZero(fault: FaultyFineTuningServer.Fault) throws {
        let server = try FaultyFineTuningServer(
            prefix: "/v1", fault: (.create, fault), stallSeconds: 0, jobTemplate: Self.jobTemplate(), existingJob: false)
        defer { server.server.stop() }
        let result = try FinetuneProcess.run(
            ["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", Self.fixtures.appendingPathComponent("train.jsonl").path, "--json"],
            environment: ["OPENAI_API_KEY": "sk-cli-fault-key-1", "OPENAI_BASE_URL": server.server.url("/v1").absoluteString])
        print("fault matrix (CLI): openai create \(fault.rawValue): jobs created \(server.createdJobs), exit \(result.status)")
        #expect(result.status == 0, "\(result.errors)")
        #expect(server.createdJobs == 1)
    }

    @Test func anUploadThatFailsMakesNoJobAndExitsSeven() throws {
        let server = try FaultyFineTuningServer(
            prefix: "/v1", fault: (.upload, .reset), stallSeconds: 0, jobTemplate: Self.jobTemplate(), existingJob: false)
        defer { server.server.stop() }
        let result = try FinetuneProcess.run(
            ["create", "--model", "openai/gpt-4o-mini-2024-07-18", "--training-file", Self.fixtures.appendingPathComponent("train.jsonl").path],
            environment: ["OPENAI_API_KEY": "sk-cli-fault-key-1", "OPENAI_BASE_URL": server.server.url("/v1").absoluteString])
        print("fault matrix (CLI): openai upload reset: jobs created \(server.createdJobs), exit \(result.status)")
        #expect(result.status == 7, "\(result.errors)")
        #expect(server.createdJobs == 0)
        #expect(result.errors.hasPrefix("error: transport"), "\(result.errors)")
    }

    @Test func anEchoedAzureKeyReachesNeitherStderrNorTheJSONDocument() throws {
        let key = "4a5b6c7d8e9f00112233445566778899"
        let server = try TestHTTPServer.echoingCredentials()
        defer { server.stop() }
        let result = try FinetuneProcess.run(
            ["get", "azure:ftjob-1", "--json"], environment: ["AZURE_OPENAI_API_KEY": key, "AZURE_OPENAI_ENDPOINT": server.baseURL.absoluteString])
        #expect(result.status == 4)
        #expect(result.errors.contains("Incorrect API key provided: REDACTED"), "\(result.errors)")
        #expect(!result.errors.contains(key) && !result.output.contains(key), "\(result.output)\n\(result.errors)")
    }
}
