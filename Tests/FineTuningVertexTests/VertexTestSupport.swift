import FineTuning
import FineTuningHTTP
import Foundation
import Synchronization
@testable import FineTuningVertex

/// A transport that answers from a script, in order, and records every request; a request past
/// the end of the script is answered 599 so the test sees it.
final class ScriptedTransport: HTTPTransport, Sendable {
    private struct State {
        var responses: [HTTPResponse]
        var requests: [HTTPRequest] = []
    }
    private let state: Mutex<State>

    init(_ responses: [HTTPResponse] = []) {
        state = Mutex(State(responses: responses))
    }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        state.withLock { state in
            state.requests.append(request)
            return state.responses.isEmpty ? HTTPResponse(status: 599, body: Data("unexpected request".utf8)) : state.responses.removeFirst()
        }
    }

    var sent: [HTTPRequest] { state.withLock { $0.requests } }
}

extension HTTPResponse {
    static func json(_ text: String, status: Int = 200, headers: HTTPHeaders = [:]) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, body: Data(text.utf8))
    }
}

enum VertexTestSupport {
    /// Environment with an explicit token and a project, nothing else.
    static let environment = [
        "VERTEX_ACCESS_TOKEN": "test-token", "GOOGLE_CLOUD_PROJECT": "test-project", "GOOGLE_CLOUD_LOCATION": "us-central1",
    ]

    static func provider(_ flavor: VertexFlavor, transport: any HTTPTransport, environment extra: [String: String] = [:]) throws -> VertexTuningProvider {
        try VertexAdapter.makeProvider(
            flavor, environment: environment.merging(extra) { $1 }, transport: transport,
            backoff: RetryBackoff(clock: ImmediateClock()))
    }

    /// A request as the adapter would get it from the framework.
    static func request(
        model: String, training: DataReference = .uri("gs://bucket/train.jsonl"), hyperparameters: Hyperparameters = Hyperparameters(epochs: 3),
        flavor: VertexFlavor = .gemini, options: [String: JSONValue] = [:], labels: [String: String] = [:]
    ) throws -> ProviderJobRequest {
        ProviderJobRequest(
            baseModel: model, trainingData: training, hyperparameters: try flavor.hyperparameters.translate(hyperparameters),
            labels: labels, options: options, clientToken: "Token_ABC.123")
    }

    /// A temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vertex-tests-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let runningJob = """
    {"name":"projects/PROJECT/locations/us-central1/tuningJobs/123","baseModel":"gemini-2.5-flash",
     "supervisedTuningSpec":{"trainingDatasetUri":"gs://bucket/train.jsonl","hyperParameters":{"epochCount":"3"}},
     "state":"JOB_STATE_RUNNING","createTime":"2026-11-21T09:14:03.218447Z","labels":{"finetune-client-token":"token_abc-123"}}
    """
}
