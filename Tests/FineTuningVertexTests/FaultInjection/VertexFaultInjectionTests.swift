import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation
import Synchronization
import Testing
@testable import FineTuningVertex

/// The fault matrix for both Vertex providers, `vertex_ai` (API v1) and `model_garden` (API v1beta1),
/// over libcurl and a loopback server that keeps the jobs it makes (in the shapes of each provider's
/// fixtures): every fault on the first request of the staging upload, create, get, list and cancel. A
/// create makes exactly one job (the token label is looked up after a lost answer), or none with a
/// clear error.
@Suite struct VertexFaultInjectionTests {
    static let collection = "projects/test-project/locations/us-central1/tuningJobs"

    /// One Vertex provider as the matrix drives it: its API version, a model it tunes and the options
    /// its create needs.
    struct Flavor: Sendable, CustomTestStringConvertible {
        var id: String
        var apiVersion: String
        var model: String
        var options: [String: JSONValue] = [:]
        var testDescription: String { id }
        var fixtures: URL { ConformanceFolder.url.appendingPathComponent("Fixtures/\(id)") }
    }

    static let flavors = [
        Flavor(id: "vertex_ai", apiVersion: "v1", model: "vertex_ai/gemini-2.5-flash"),
        Flavor(id: "model_garden", apiVersion: "v1beta1", model: "model_garden/meta/llama3_1@llama-3.1-8b-instruct", options: ["tuning_mode": "peft_adapter"]),
    ]

    /// A Vertex tuning API and Cloud Storage upload endpoint that keep jobs and break one exchange.
    final class Server: Sendable {
        private struct State {
            var jobs: [(name: String, labels: JSONValue, state: String)] = []
            var pendingFault: (FaultedOperation, InjectedFault)?
        }
        let http: TestHTTPServer
        private let state: Mutex<State>
        private let template: JSONValue
        private let apiVersion: String

        init(_ flavor: Flavor, fault: (FaultedOperation, InjectedFault), existingJob: Bool) throws {
            template = try JSONValue(parsing: HARArchive(contentsOf: flavor.fixtures.appendingPathComponent("get_running.har")).entries[0].response.content.text ?? "{}")
            apiVersion = flavor.apiVersion
            var initial = State(pendingFault: fault)
            if existingJob { initial.jobs.append(("\(collection)/existing", .null, "JOB_STATE_RUNNING")) }
            state = Mutex(initial)
            let box = Box()
            http = try TestHTTPServer { request in box.server?.answer(request) ?? .text("gone", status: 500) }
            box.server = self
        }

        // @unchecked: `server` is a weak `var` (the server owns the box through its handler); it is set once, before any request.
        private final class Box: @unchecked Sendable { weak var server: Server? }

        var createdJobs: Int { state.withLock { $0.jobs.filter { !$0.name.hasSuffix("/existing") }.count } }

        private func answer(_ request: TestHTTPRequest) -> TestHTTPResponse {
            let base = "/\(apiVersion)/\(collection)"
            let operation: FaultedOperation?
            switch request.method {
            case "POST" where request.path.hasPrefix("/upload/storage/v1/b/"): operation = .upload
            case "POST" where request.path == base: operation = .create
            case "POST" where request.path.hasPrefix(base + "/") && request.path.hasSuffix(":cancel"): operation = .cancel
            case "GET" where request.path == base: operation = .list
            case "GET" where request.path.hasPrefix(base + "/"): operation = .get
            default: operation = nil
            }
            guard let operation else { return Self.error(404, "unexpected \(request.method) \(request.target)", status: "NOT_FOUND") }
            let fault: InjectedFault? = state.withLock { state in
                guard let pending = state.pendingFault, pending.0 == operation else { return nil }
                state.pendingFault = nil
                return pending.1
            }
            guard let fault else { return perform(operation, request) }
            let overloaded = Self.error(503, "The service is currently unavailable.", status: "UNAVAILABLE")
            return fault.apply(to: fault == .unavailable ? overloaded : perform(operation, request), stallSeconds: 3, overloaded: overloaded)
        }

        private func perform(_ operation: FaultedOperation, _ request: TestHTTPRequest) -> TestHTTPResponse {
            state.withLock { state in
                switch operation {
                case .upload:
                    return .json(#"{"kind":"storage#object","bucket":"finetune-conformance","name":"\#(request.query["name"] ?? "")","size":"\#(request.bodyByteCount)"}"#)
                case .create:
                    let labels = (try? JSONValue(parsing: request.body))?["labels"] ?? .null
                    let name = "\(collection)/\(state.jobs.count + 1)"
                    state.jobs.append((name, labels, "JOB_STATE_PENDING"))
                    return .json(job(name, labels: labels, state: "JOB_STATE_PENDING"))
                case .get:
                    let name = String(request.path.dropFirst("/\(apiVersion)/".count))
                    guard let found = state.jobs.first(where: { $0.name == name }) else { return Self.error(404, "not found", status: "NOT_FOUND") }
                    return .json(job(found.name, labels: found.labels, state: found.state))
                case .list:
                    // `labels.KEY="VALUE" AND ...`: every quoted value must be one of the job's label values.
                    let wanted = (request.query["filter"] ?? "").split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
                    let matching = state.jobs.reversed().filter { job in
                        let values = Set(job.labels.objectValue?.values.compactMap(\.stringValue) ?? [])
                        return wanted.allSatisfy(values.contains)
                    }
                    return .json(#"{"tuningJobs":[\#(matching.map { job($0.name, labels: $0.labels, state: $0.state) }.joined(separator: ","))]}"#)
                case .cancel:
                    let name = String(request.path.dropFirst("/\(apiVersion)/".count).dropLast(":cancel".count))
                    guard let index = state.jobs.firstIndex(where: { $0.name == name }) else { return Self.error(404, "not found", status: "NOT_FOUND") }
                    state.jobs[index].state = "JOB_STATE_CANCELLED"
                    return .json("{}")
                }
            }
        }

        private func job(_ name: String, labels: JSONValue, state: String) -> String {
            guard case .object(var fields) = template else { return "{}" }
            fields["name"] = .string(name)
            fields["state"] = .string(state)
            fields["labels"] = labels
            return JSONValue.object(fields).jsonText
        }

        private static func error(_ code: Int, _ message: String, status: String) -> TestHTTPResponse {
            .json(#"{"error":{"code":\#(code),"message":"\#(message)","status":"\#(status)"}}"#, status: code)
        }
    }

    @Test(arguments: flavors, FaultedOperation.allCases)
    func everyFaultOnEveryOperation(flavor: Flavor, operation: FaultedOperation) async throws {
        for fault in InjectedFault.allCases {
            let server = try Server(flavor, fault: (operation, fault), existingJob: ![.upload, .create].contains(operation))
            defer { server.http.stop() }
            let environment = [
                "VERTEX_ACCESS_TOKEN": "vertex-fault-token-1", "GOOGLE_CLOUD_PROJECT": "test-project", "GOOGLE_CLOUD_LOCATION": "us-central1",
                "VERTEX_AI_STAGING_BUCKET": "gs://finetune-conformance",
                "VERTEX_AI_BASE_URL": server.http.baseURL.absoluteString, "VERTEX_AI_STORAGE_BASE_URL": server.http.baseURL.absoluteString,
            ]
            let deadline: Duration = fault == .stall ? .seconds(2) : .seconds(30)
            let transport = RetryingTransport(
                base: CurlTransport(), policy: RetryPolicy(deadline: deadline, backoff: RetryBackoff(initial: .milliseconds(10), maximum: .milliseconds(20))))
            let registry = ProviderRegistry()
            for registration in VertexAdapter.registrations(environment: environment, transport: transport) { try registry.register(registration) }
            let client = FineTuningClient(registry: registry)
            let existing = JobID(provider: flavor.id, native: "\(Self.collection)/existing")
            var failure: FineTuningError?
            do {
                switch operation {
                case .upload, .create:
                    _ = try await client.createJob(CreateJobRequest(
                        model: flavor.model, trainingData: .localFile(path: flavor.fixtures.appendingPathComponent("train.jsonl").path),
                        options: flavor.options))
                case .get: _ = try await client.job(existing)
                case .list: for try await _ in try client.jobs(provider: flavor.id) {}
                case .cancel: #expect(try await client.cancelJob(existing).status == .cancelled)
                }
            } catch let error as FineTuningError {
                failure = error
            }
            let cell = "\(flavor.id) \(operation.rawValue) \(fault.rawValue): jobs created \(server.createdJobs), " + (failure.map { "error \($0.code)" } ?? "success")
            print("fault matrix: \(cell)")
            if let failure {
                #expect([.transport, .timeout, .providerUnavailable].contains(failure.code), "\(cell): \(failure)")
                #expect(server.createdJobs == 0, "\(cell)")
                if [.get, .list, .cancel].contains(operation) { #expect(fault == .stall || fault == .garble, "\(cell): an idempotent call recovers") }
            } else {
                #expect(server.createdJobs == ([.upload, .create].contains(operation) ? 1 : 0), "\(cell)")
            }
        }
    }
}
