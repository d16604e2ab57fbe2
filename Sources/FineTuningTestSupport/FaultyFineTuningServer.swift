import Foundation
import Synchronization

/// An OpenAI-style fine-tuning server on loopback (the project's `TestHTTPServer`) that keeps the
/// files and jobs it makes, answering in the shapes of the `openai` fixtures, and breaks the first
/// request of one operation with one fault. A fault other than 503 strikes after the server did the
/// work (the job exists, the file is stored), as when a gateway or the network loses the answer.
public final class FaultyFineTuningServer: Sendable {
    public typealias Operation = FaultedOperation

    public typealias Fault = InjectedFault

    /// Where an OpenAI-style API's answers differ: the job status words and the list envelope.
    public struct Dialect: Sendable {
        public var created: String
        public var running: String
        public var cancelled: String
        /// Wraps the jobs (newest first) as the list endpoint answers them.
        public var list: @Sendable ([String]) -> String

        /// OpenAI, OpenAI-compatible servers and Azure OpenAI.
        public static let openAI = Dialect(created: "validating_files", running: "running", cancelled: "cancelled") {
            #"{"object":"list","data":[\#($0.joined(separator: ","))],"has_more":false}"#
        }
        /// Mistral's fine-tuning API (upper-case statuses, pages numbered with a `total`).
        public static let mistral = Dialect(created: "QUEUED", running: "RUNNING", cancelled: "CANCELLED") {
            #"{"data":[\#($0.joined(separator: ","))],"object":"list","total":\#($0.count)}"#
        }
    }

    /// The job every test works on once it exists.
    public static let existingJobID = "ftjob-existing"

    public let server: TestHTTPServer
    private struct State {
        var jobs: [(id: String, metadata: Any, status: String)] = []
        var files = 0
        var pendingFault: (Operation, Fault)?
    }

    private let state: Mutex<State>
    private let stallSeconds: Double
    private let jobTemplate: String
    private let dialect: Dialect

    /// `prefix` is where the API lives (`/v1`, `/openai`); `jobTemplate` is a job as the provider sends it.
    public init(
        prefix: String, fault: (Operation, Fault)?, stallSeconds: Double, jobTemplate: String, existingJob: Bool, dialect: Dialect = .openAI
    ) throws {
        var initial = State(pendingFault: fault)
        if existingJob { initial.jobs.append((Self.existingJobID, NSNull(), dialect.running)) }
        state = Mutex(initial)
        self.stallSeconds = stallSeconds
        self.jobTemplate = jobTemplate
        self.dialect = dialect
        let box = WeakBox()
        server = try TestHTTPServer { request in box.target?.answer(request, prefix: prefix) ?? .text("gone", status: 500) }
        box.target = self
    }

    /// Jobs created through the API (the pre-existing one not counted).
    public var createdJobs: Int { state.withLock { $0.jobs.filter { $0.id != Self.existingJobID }.count } }
    public var storedFiles: Int { state.withLock { $0.files } }

    private final class WeakBox: @unchecked Sendable {
        weak var target: FaultyFineTuningServer?
    }

    private func answer(_ request: TestHTTPRequest, prefix: String) -> TestHTTPResponse {
        let path = request.path.hasPrefix(prefix) ? String(request.path.dropFirst(prefix.count)) : request.path
        let parts = path.split(separator: "/").map(String.init)
        let operation: Operation?
        switch (request.method, parts.count) {
        case ("POST", 1) where parts == ["files"]: operation = .upload
        case ("POST", 2) where parts == ["fine_tuning", "jobs"]: operation = .create
        case ("GET", 2) where parts == ["fine_tuning", "jobs"]: operation = .list
        case ("GET", 3) where parts[0...1] == ["fine_tuning", "jobs"]: operation = .get
        case ("POST", 4) where parts[0...1] == ["fine_tuning", "jobs"] && parts[3] == "cancel": operation = .cancel
        default: operation = nil
        }
        guard let operation else { return Self.error(404, "unexpected \(request.method) \(request.target)") }
        let fault: Fault? = state.withLock { state in
            guard let pending = state.pendingFault, pending.0 == operation else { return nil }
            state.pendingFault = nil
            return pending.1
        }
        guard let fault else { return perform(operation, parts: parts, request: request) }
        let overloaded = Self.error(503, "The server is overloaded or not ready yet.", type: "server_error")
        let normal = fault == .unavailable ? overloaded : perform(operation, parts: parts, request: request)
        return fault.apply(to: normal, stallSeconds: stallSeconds, overloaded: overloaded)
    }

    private func perform(_ operation: Operation, parts: [String], request: TestHTTPRequest) -> TestHTTPResponse {
        state.withLock { state in perform(operation, parts: parts, request: request, state: &state) }
    }

    private func perform(_ operation: Operation, parts: [String], request: TestHTTPRequest, state: inout State) -> TestHTTPResponse {
        switch operation {
        case .upload:
            state.files += 1
            return .json(#"{"object":"file","id":"file-\#(state.files)","purpose":"fine-tune","filename":"train.jsonl","bytes":\#(request.bodyByteCount),"created_at":1763712300,"status":"processed","status_details":null}"#)
        case .create:
            let metadata = ((try? JSONSerialization.jsonObject(with: request.body)) as? [String: Any])?["metadata"] ?? NSNull()
            let id = "ftjob-\(state.jobs.count + 1)"
            state.jobs.append((id, metadata, dialect.created))
            return .json(job(id, metadata: metadata, status: dialect.created))
        case .get:
            guard let found = state.jobs.first(where: { $0.id == parts[2] }) else { return Self.error(404, "No such job: \(parts[2])") }
            return .json(job(found.id, metadata: found.metadata, status: found.status))
        case .list:
            return .json(dialect.list(state.jobs.reversed().map { job($0.id, metadata: $0.metadata, status: $0.status) }))
        case .cancel:
            guard let index = state.jobs.firstIndex(where: { $0.id == parts[2] }) else { return Self.error(404, "No such job: \(parts[2])") }
            state.jobs[index].status = dialect.cancelled
            return .json(job(state.jobs[index].id, metadata: state.jobs[index].metadata, status: dialect.cancelled))
        }
    }

    /// The template job with this id, status and metadata.
    private func job(_ id: String, metadata: Any, status: String) -> String {
        guard var fields = (try? JSONSerialization.jsonObject(with: Data(jobTemplate.utf8))) as? [String: Any] else { return "{}" }
        fields["id"] = id
        fields["status"] = status
        fields["metadata"] = metadata
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    private static func error(_ status: Int, _ message: String, type: String = "invalid_request_error") -> TestHTTPResponse {
        .json(#"{"error":{"message":"\#(message)","type":"\#(type)","param":null,"code":null}}"#, status: status)
    }
}

extension TestHTTPServer {
    /// The error document an echoing server answers in.
    public enum EchoedErrorShape: Sendable {
        /// OpenAI's `{"error":{"message","type","param","code"}}`.
        case openAI
        /// Google's `{"error":{"code","message","status"}}` (Vertex AI, Model Garden), quoting the token
        /// without its `Bearer` prefix, so only the value itself marks it.
        case google
    }

    /// A server that answers every request with a 401 quoting the credential it received, as gateways
    /// and proxies do ("Incorrect API key provided: ...").
    public static func echoingCredentials(shape: EchoedErrorShape = .openAI) throws -> TestHTTPServer {
        try TestHTTPServer { request in
            let sent = (request.header("Authorization") ?? request.header("api-key") ?? "nothing").replacingOccurrences(of: "\"", with: "'")
            switch shape {
            case .openAI:
                return .json(
                    #"{"error":{"message":"Incorrect API key provided: \#(sent). You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#,
                    status: 401)
            case .google:
                let token = sent.hasPrefix("Bearer ") ? String(sent.dropFirst("Bearer ".count)) : sent
                return .json(
                    #"{"error":{"code":401,"message":"Request had invalid authentication credentials: \#(token). Expected OAuth 2 access token.","status":"UNAUTHENTICATED"}}"#,
                    status: 401)
            }
        }
    }
}
