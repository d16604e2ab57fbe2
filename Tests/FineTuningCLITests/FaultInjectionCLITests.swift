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

    /// A credential without a recognisable shape, the server that echoes it, and the job to ask it for.
    struct EchoCase: Sendable, CustomTestStringConvertible {
        var provider: String
        var secret: String
        var shape: TestHTTPServer.EchoedErrorShape
        var job: String
        var environment: @Sendable (URL, String) -> [String: String]
        var testDescription: String { provider }
    }

    static let echoCases = [
        EchoCase(provider: "azure", secret: "4a5b6c7d8e9f00112233445566778899", shape: .openAI, job: "azure:ftjob-1") {
            ["AZURE_OPENAI_API_KEY": $1, "AZURE_OPENAI_ENDPOINT": $0.absoluteString]
        },
        EchoCase(provider: "vertex_ai", secret: "opaque-vertex-cli-token-77", shape: .google, job: "vertex_ai:projects/test-project/locations/us-central1/tuningJobs/1") {
            ["VERTEX_ACCESS_TOKEN": $1, "GOOGLE_CLOUD_PROJECT": "test-project", "GOOGLE_CLOUD_LOCATION": "us-central1", "VERTEX_AI_BASE_URL": $0.absoluteString]
        },
    ]

    @Test(arguments: echoCases)
    func anEchoedCredentialReachesNeitherStderrNorTheJSONDocument(echo: EchoCase) throws {
        let server = try TestHTTPServer.echoingCredentials(shape: echo.shape)
        defer { server.stop() }
        let result = try FinetuneProcess.run(["get", echo.job, "--json"], environment: echo.environment(server.baseURL, echo.secret))
        #expect(result.status == 4, "\(result.errors)")
        #expect(result.errors.contains(KnownSecrets.placeholder), "\(result.errors)")
        #expect(!result.errors.contains(echo.secret) && !result.output.contains(echo.secret), "\(result.output)\n\(result.errors)")
    }
}
