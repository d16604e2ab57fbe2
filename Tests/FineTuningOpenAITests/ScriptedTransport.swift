import FineTuning
import FineTuningHTTP
import Foundation
import Synchronization

/// A transport that answers from a script, in order, and records every request it was sent. A
/// request that does not match the next scripted step fails the exchange loudly.
final class ScriptedTransport: HTTPTransport, Sendable {
    struct Step {
        var method: String
        /// The path plus query the request must have, relative to the host.
        var target: String
        var answer: Result<HTTPResponse, FineTuningError>
    }

    private struct State {
        var steps: [Step]
        var requests: [HTTPRequest] = []
    }
    private let state: Mutex<State>

    init(_ steps: [Step]) {
        state = Mutex(State(steps: steps))
    }

    var requests: [HTTPRequest] { state.withLock { $0.requests } }

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let step: Step? = state.withLock { state in
            state.requests.append(request)
            return state.steps.isEmpty ? nil : state.steps.removeFirst()
        }
        let target = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
        guard let step, step.method == request.method.rawValue, step.target == target else {
            throw FineTuningError(.transport, "unscripted request \(request.method) \(target); expected \(step.map { "\($0.method) \($0.target)" } ?? "nothing")")
        }
        return try step.answer.get()
    }

    var remainingSteps: Int { state.withLock { $0.steps.count } }
}

extension ScriptedTransport.Step {
    /// A JSON answer.
    static func json(_ method: String, _ target: String, status: Int = 200, _ body: String, headers: HTTPHeaders = ["Content-Type": "application/json"]) -> Self {
        Self(method: method, target: target, answer: .success(HTTPResponse(status: status, headers: headers, body: Data(body.utf8))))
    }

    /// The connection broke after the request was sent.
    static func connectionReset(_ method: String, _ target: String) -> Self {
        Self(method: method, target: target, answer: .failure(FineTuningError(.transport, "connection reset by peer")))
    }
}
