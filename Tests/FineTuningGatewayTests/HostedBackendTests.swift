import FineTuning
import FineTuningHTTP
import FineTuningOpenAI
import FineTuningTestSupport
import Foundation
import Synchronization
import Testing
@testable import FineTuningGateway

/// A hosted backend behind the gateway: the `openai` adapter against an OpenAI-style upstream on
/// loopback that answers with the recorded fixtures' bodies. The gateway uploads the file upstream
/// once and makes exactly one upstream job, even when the upstream answers the create with a 503
/// once, or makes the job and then resets the connection before answering.
@Suite struct HostedBackendTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Conformance/Fixtures/openai")

    enum CreateFault { case none, unavailableOnce, resetAfterCreate }

    /// An OpenAI-style upstream that keeps the jobs it made, and records each poll of a job with the
    /// API key that made it (so tests tell gateway instances apart).
    final class Upstream: Sendable {
        private struct State {
            var jobs: [String: JSONValue] = [:]
            var createCalls = 0
            var uploads = 0
            var pollLog: [(key: String, at: Date)] = []
        }
        private let state = Mutex(State())
        let fault: CreateFault
        let uploadBody: String, createBody: String, succeededBody: String, eventsBody: String

        /// `keepsRunning`: polls answer with the running job instead of the succeeded one.
        init(fault: CreateFault, keepsRunning: Bool = false) throws {
            self.fault = fault
            func body(_ scenario: String, _ index: Int) throws -> String {
                try HARArchive(contentsOf: HostedBackendTests.fixtures.appendingPathComponent(scenario + ".har")).entries[index].response.content.text ?? ""
            }
            uploadBody = try body("file_upload", 0)
            createBody = try body("file_upload", 1)
            succeededBody = keepsRunning ? try body("get_running", 0) : try body("get_succeeded", 0)
            eventsBody = try body("events", 1)
        }

        var jobCount: Int { state.withLock { $0.jobs.count } }
        var uploadCount: Int { state.withLock { $0.uploads } }
        /// Every `GET /v1/fine_tuning/jobs/ID`, oldest first: the bearer key and when it arrived.
        var polls: [(key: String, at: Date)] { state.withLock { $0.pollLog } }

        func handle(_ request: TestHTTPRequest) -> TestHTTPResponse {
            state.withLock { state in
                switch (request.method, request.path) {
                case ("POST", "/v1/files"):
                    state.uploads += 1
                    return .json(uploadBody)
                case ("POST", "/v1/fine_tuning/jobs"):
                    state.createCalls += 1
                    if fault == .unavailableOnce && state.createCalls == 1 {
                        return .json(#"{"error":{"message":"The server is overloaded or not ready yet.","type":"server_error","param":null,"code":null}}"#, status: 503)
                    }
                    let metadata = (try? JSONValue(parsing: request.body))?["metadata"] ?? .null
                    guard case .object(var job) = try! JSONValue(parsing: createBody) else { fatalError() }
                    let id = "ftjob-upstream\(state.jobs.count + 1)"
                    job["id"] = .string(id)
                    job["metadata"] = metadata
                    state.jobs[id] = .object(job)
                    var response = TestHTTPResponse.json(JSONValue.object(job).jsonText)
                    if fault == .resetAfterCreate && state.createCalls == 1 { response.fault = .resetAfter(sentBytes: 0) }
                    return response
                case ("GET", "/v1/fine_tuning/jobs"):
                    let wanted = request.query.filter { $0.key.hasPrefix("metadata[") }
                    let matching = state.jobs.values.filter { job in
                        wanted.allSatisfy { job["metadata"]?[String($0.key.dropFirst(9).dropLast())]?.stringValue == $0.value }
                    }
                    return .json(JSONValue.object(["object": "list", "data": .array(Array(matching)), "has_more": false]).jsonText)
                case ("GET", let path) where path.hasSuffix("/events"):
                    return .json(eventsBody)
                case ("GET", let path) where path.hasPrefix("/v1/fine_tuning/jobs/"):
                    let id = String(path.dropFirst("/v1/fine_tuning/jobs/".count))
                    let authorization = request.headers.first { $0.name.lowercased() == "authorization" }?.value ?? ""
                    state.pollLog.append((String(authorization.dropFirst("Bearer ".count)), Date()))
                    guard let created = state.jobs[id], case .object(var job) = try! JSONValue(parsing: succeededBody) else {
                        return .json(#"{"error":{"message":"No such job","type":"invalid_request_error","param":"fine_tuning_job_id","code":null}}"#, status: 404)
                    }
                    job["id"] = .string(id)
                    job["metadata"] = created["metadata"]
                    return .json(JSONValue.object(job).jsonText)
                default:
                    return .json(#"{"error":{"message":"unexpected","type":"invalid_request_error","param":null,"code":null}}"#, status: 404)
                }
            }
        }
    }

    /// The built-in OpenAI registrations pointed at `server`, polled every 0.2 s (the gateway polls at
    /// the interval a provider's descriptor declares).
    static func registry(_ server: TestHTTPServer, apiKey: String = "sk-test-upstream-secret") throws -> ProviderRegistry {
        let environment = ["OPENAI_API_KEY": apiKey, "OPENAI_BASE_URL": server.url("/v1").absoluteString]
        let registry = ProviderRegistry()
        for registration in OpenAIAdapter.registrations(environment: environment, transport: RetryingTransport(base: CurlTransport())) {
            var descriptor = registration.descriptor
            descriptor.pollInterval = .milliseconds(200)
            try registry.register(ProviderRegistration(descriptor: descriptor, origin: registration.origin, make: registration.make))
        }
        return registry
    }

    @Test(arguments: [CreateFault.none, .unavailableOnce, .resetAfterCreate])
    func oneUploadAndExactlyOneUpstreamJob(fault: CreateFault) async throws {
        let upstream = try Upstream(fault: fault)
        let server = try TestHTTPServer { upstream.handle($0) }
        defer { server.stop() }
        try await GatewayHarness.with(registry: try Self.registry(server)) { gateway in
            let key = try await gateway.key("alice")
            let file = try #require(try await gateway.upload(GatewayHarness.validChatFile, key: key).json?["id"]?.stringValue)
            let created = try await gateway.send(
                "POST", "/v1/fine_tuning/jobs", key: key,
                json: ["model": "openai/gpt-4o-mini-2024-07-18", "training_file": .string(file), "hyperparameters": ["n_epochs": 3], "metadata": ["team": "support"]])
            #expect(created.status == 200, "\(created.text)")
            #expect(upstream.uploadCount == 1)
            #expect(upstream.jobCount == 1)
            let id = try #require(created.json?["id"]?.stringValue)
            #expect(created.json?["status"] == "validating_files")
            #expect(created.json?["training_file"] == .string(file), "clients see the gateway's file id, not the upstream's")

            // The poller copies the upstream's state and events into the store.
            var job = created.json
            for _ in 0..<50 where job?["status"] != "succeeded" {
                try await Task.sleep(for: .milliseconds(100))
                job = try await gateway.send("GET", "/v1/fine_tuning/jobs/\(id)", key: key).json
            }
            #expect(job?["status"] == "succeeded")
            let model = try #require(job?["fine_tuned_model"]?.stringValue)
            #expect(model == "ft:openai:alice::\(id)")
            #expect(try await gateway.send("GET", "/v1/models", key: key).json?["data"]?.arrayValue?.first?["id"] == .string(model))
            let events = try await gateway.send("GET", "/v1/fine_tuning/jobs/\(id)/events?limit=1", key: key)
            #expect(events.json?["data"]?.arrayValue?.first?["message"] == "Step 10/30: training loss=1.52")
            #expect(events.json?["data"]?.arrayValue?.first?["data"]?["train_loss"] == .number(1.5207))
            #expect(events.json?["has_more"] == true)
            #expect(upstream.jobCount == 1)
            #expect(!created.text.contains("sk-test-upstream-secret"))
        }
    }

    @Test func listPagesNewestFirstAndFiltersByMetadata() async throws {
        let upstream = try Upstream(fault: .none)
        let server = try TestHTTPServer { upstream.handle($0) }
        defer { server.stop() }
        try await GatewayHarness.with(registry: try Self.registry(server)) { gateway in
            let key = try await gateway.key("alice")
            let file = try #require(try await gateway.upload(GatewayHarness.validChatFile, key: key).json?["id"]?.stringValue)
            var ids: [String] = []
            for team in ["a", "b%41", "a"] {
                let created = try await gateway.send(
                    "POST", "/v1/fine_tuning/jobs", key: key,
                    json: ["model": "openai/gpt-4o-mini-2024-07-18", "training_file": .string(file), "metadata": ["team": .string(team)]])
                ids.append(try #require(created.json?["id"]?.stringValue))
            }
            let first = try await gateway.send("GET", "/v1/fine_tuning/jobs?limit=2", key: key)
            #expect(first.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[2], ids[1]])
            #expect(first.json?["has_more"] == true)
            let second = try await gateway.send("GET", "/v1/fine_tuning/jobs?limit=2&after=\(ids[1])", key: key)
            #expect(second.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[0]])
            #expect(second.json?["has_more"] == false)
            let filtered = try await gateway.send("GET", "/v1/fine_tuning/jobs?metadata%5Bteam%5D=a", key: key)
            #expect(filtered.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[2], ids[0]])
            #expect(filtered.json?["data"]?.arrayValue?.first?["metadata"] == ["team": "a"])
            let literal = try await gateway.send("GET", "/v1/fine_tuning/jobs?metadata%5Bteam%5D=b%2541", key: key)
            #expect(literal.json?["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids[1]], "a value is decoded once")
            let bob = try await gateway.key("bob")
            #expect(try await gateway.send("GET", "/v1/fine_tuning/jobs", key: bob).json?["data"]?.arrayValue?.isEmpty == true)
            #expect(try await gateway.send("POST", "/v1/fine_tuning/jobs/\(ids[0])/cancel", key: bob).status == 404)
        }
    }
}
