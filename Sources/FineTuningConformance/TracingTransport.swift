import FineTuning
import FineTuningHTTP
import Foundation

/// Passes requests to the replay and writes each exchange, or each refusal, into a trace. It sits
/// between the retry layer and the replay, so every attempt is seen.
struct TracingTransport: HTTPTransport {
    let base: any HTTPTransport
    let trace: ScenarioTrace

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let method = request.method.rawValue
        do {
            let response = try await base.send(request)
            trace.record(.exchange(method: method, url: request.url.absoluteString, response: response))
            return response
        } catch {
            trace.record(.unmatched(method: method, url: request.url.absoluteString, reason: (error as? FineTuningError)?.message ?? "\(error)"))
            throw error
        }
    }
}
