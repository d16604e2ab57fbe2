import FineTuning
import FineTuningHTTP
import Foundation

/// The live mode's client side: libcurl behind a check that every request goes to one of the
/// scenario's loopback servers. A request for any other host (a base URL `target.json` does not
/// list under `loopback`) is never sent, so live mode cannot reach a real service: it is written
/// into the trace as unmatched and refused as not recorded.
struct LoopbackOnlyTransport: HTTPTransport {
    let base: any HTTPTransport
    /// The ports of the scenario's servers on 127.0.0.1.
    let ports: Set<Int>
    let trace: ScenarioTrace

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.url.host == "127.0.0.1", let port = request.url.port, ports.contains(port) else {
            let reason = "not sent: live mode serves only 127.0.0.1 at the base URLs \(FixtureTarget.fileName) lists under loopback"
            trace.record(.unmatched(method: request.method.rawValue, url: request.url.absoluteString, reason: reason))
            throw TransportFailure.notRecorded.error("no recorded response for \(request.method.rawValue) \(request.url.absoluteString): \(reason)")
        }
        return try await base.send(request)
    }
}
