import FineTuning
import FineTuningHTTP
import FineTuningPlugins
import FineTuningTestSupport
import Foundation
import Synchronization
import Testing
import FineTuningConformance

/// A plugin's create follows the built-in adapters' rule: after a 503 or a lost answer it is sent
/// again only where that cannot make a second job. The real `echo_c` plugin sends the client token
/// with its create (an idempotency key), so the host looks the job up and re-sends only when there
/// is none; the real `mistral` plugin does not, so its create is never re-sent, and the error says
/// the job may have been created. Every HTTP call goes through libcurl to loopback servers.
@Suite struct PluginLostCreateTests {
    static let transport = RetryingTransport(
        base: CurlTransport(), policy: RetryPolicy(backoff: RetryBackoff(initial: .milliseconds(10), maximum: .milliseconds(20))))

    /// The echo API on loopback: it keeps the jobs it makes, each labelled with the create's client
    /// token as an API with idempotency keys does, and breaks the first create with `fault`.
    final class EchoAPI: Sendable {
        private struct State {
            var jobs: [JSONValue] = []
            var fault: InjectedFault?
        }
        private let state: Mutex<State>

        init(fault: InjectedFault) {
            state = Mutex(State(fault: fault))
        }

        var jobCount: Int { state.withLock { $0.jobs.count } }

        func handle(_ request: TestHTTPRequest) -> TestHTTPResponse {
            state.withLock { state in
                switch (request.method, request.path) {
                case ("POST", "/v1/jobs"):
                    let pending = state.fault
                    state.fault = nil
                    if pending == .unavailable {
                        return .json(#"{"error":{"message":"the echo API is overloaded","code":"overloaded"}}"#, status: 503)
                    }
                    let body = (try? JSONValue(parsing: request.body))?["request"]
                    let job: JSONValue = [
                        "id": .string("echo_c:job-\(state.jobs.count + 1)"), "provider": "echo_c", "base_model": body?["base_model"] ?? "echo-small",
                        "status": "queued", "provider_status": "queued",
                        "labels": .object([ProviderJobRequest.clientTokenLabel: body?["client_token"] ?? .null]),
                    ]
                    state.jobs.append(job)
                    let answer = TestHTTPResponse.json(JSONValue.object(["format_version": 1, "job": job]).jsonText)
                    return pending.map { $0.apply(to: answer, stallSeconds: 0, overloaded: answer) } ?? answer
                case ("GET", "/v1/jobs"):
                    return .json(JSONValue.object(["format_version": 1, "page": ["items": .array(state.jobs.reversed())]]).jsonText)
                default:
                    return .json(#"{"error":{"message":"unexpected request"}}"#, status: 404)
                }
            }
        }
    }

    static func echoClient(_ server: TestHTTPServer) throws -> FineTuningClient {
        let plugin = try PluginLoader().load(path: try BuiltPlugins.path(of: BuiltPlugins.echoC))
        let registry = ProviderRegistry()
        try registry.register(plugin.registration(
            environment: ["ECHO_C_API_KEY": "echo-key-lost-create", "ECHO_C_BASE_URL": server.url("/v1").absoluteString], transport: transport))
        return FineTuningClient(registry: registry)
    }

    static let echoRequest = CreateJobRequest(model: "echo_c/echo-small", trainingData: .providerFile(id: "file-echo-1"))

    @Test func a503OnACreateCarryingItsTokenIsLookedUpThenSentAgain() async throws {
        let api = EchoAPI(fault: .unavailable)
        let server = try TestHTTPServer { api.handle($0) }
        defer { server.stop() }
        let created = try await Self.echoClient(server).createJob(Self.echoRequest)
        #expect(created.job.id.description == "echo_c:job-1")
        #expect(api.jobCount == 1)
        #expect(server.requests.map { "\($0.method) \($0.path)" } == ["POST /v1/jobs", "GET /v1/jobs", "POST /v1/jobs"])
    }

    @Test func aLostAnswerToACreateCarryingItsTokenFindsTheJobItMade() async throws {
        let api = EchoAPI(fault: .reset)
        let server = try TestHTTPServer { api.handle($0) }
        defer { server.stop() }
        let created = try await Self.echoClient(server).createJob(Self.echoRequest)
        #expect(created.job.id.description == "echo_c:job-1")
        #expect(api.jobCount == 1)
        #expect(server.requests.map { "\($0.method) \($0.path)" } == ["POST /v1/jobs", "GET /v1/jobs"])
    }

    static func mistralServer(_ fault: InjectedFault) throws -> FaultyFineTuningServer {
        let template = try HARArchive(contentsOf: BuiltPlugins.layout.fixtureFolder(for: "mistral").appendingPathComponent("get_running.har"))
            .entries[0].response.content.text ?? "{}"
        return try FaultyFineTuningServer(
            prefix: "/v1", fault: (.create, fault), stallSeconds: 1, jobTemplate: template, existingJob: false, dialect: .mistral)
    }

    static let mistralRequest = CreateJobRequest(model: "mistral/open-mistral-7b", trainingData: .providerFile(id: "file-abc"))

    @Test(arguments: [InjectedFault.reset, .unavailable])
    func aCreateWithoutItsTokenIsNeverSentAgainAndSaysTheJobMayExist(fault: InjectedFault) async throws {
        let server = try Self.mistralServer(fault)
        defer { server.server.stop() }
        let plugin = try PluginLoader().load(path: try BuiltPlugins.path(of: BuiltPlugins.mistral))
        let registry = ProviderRegistry()
        try registry.register(plugin.registration(
            environment: ["MISTRAL_API_KEY": "mistral-lost-create-key", "MISTRAL_BASE_URL": server.server.url("/v1").absoluteString], transport: Self.transport))
        let error = try await #require(throws: FineTuningError.self) {
            try await FineTuningClient(registry: registry).createJob(Self.mistralRequest)
        }
        #expect(error.details.contains(IdempotentCreate.mayHaveBeenCreated(provider: "mistral")), "\(error)")
        #expect(server.createdJobs == (fault == .reset ? 1 : 0))
        #expect(server.server.requests.filter { $0.method == "POST" }.count == 1, "the create was sent again")
    }

    /// The same through the gateway's child-process host: the child makes the HTTP calls with its
    /// own transport, and the error's detail crosses the pipe.
    @Test func theChildProcessHostSaysTheJobMayExistToo() async throws {
        let server = try Self.mistralServer(.reset)
        defer { server.server.stop() }
        let provider = try await ChildProcessPluginProvider.load(
            path: try BuiltPlugins.path(of: BuiltPlugins.mistral), executable: URL(fileURLWithPath: try BuiltPlugins.executable("finetune")),
            environment: [
                "HOME": "/nonexistent", "PATH": "/usr/bin:/bin", "MISTRAL_API_KEY": "mistral-lost-create-key",
                "MISTRAL_BASE_URL": server.server.url("/v1").absoluteString,
            ])
        let registry = ProviderRegistry()
        try registry.register(provider.registration)
        let error = try await #require(throws: FineTuningError.self) {
            try await FineTuningClient(registry: registry).createJob(Self.mistralRequest)
        }
        #expect(error.details.contains(IdempotentCreate.mayHaveBeenCreated(provider: "mistral")), "\(error)")
        #expect(server.createdJobs == 1)
        #expect(!"\(error)".contains("mistral-lost-create-key"))
    }
}
