import FineTuning
import FineTuningHTTP
import FineTuningTestSupport
import Foundation

/// One scenario's recorded exchanges served over real HTTP on 127.0.0.1, for the live mode.
///
/// Each variable `target.json` lists under `loopback` names a base URL in the fixture's
/// environment; every distinct origin among them (`https://api.openai.com`) gets its own server,
/// and the variable is pointed at it with its path kept (`http://127.0.0.1:PORT/v1`). A server
/// puts the origin back in front of each request it receives and answers through the replay's
/// `response(to:)`, the matching the replay mode uses, writing what it served (or could not) into
/// the trace. A request no recording answers gets a non-retryable 501 naming the closest one.
final class LoopbackReplayServer: Sendable {
    /// The fixture's environment with each `loopback` variable pointed at its server.
    let environment: [String: String]
    private let servers: [TestHTTPServer]

    /// Starts the servers; throws when a `loopback` variable has no http(s) URL in the environment.
    init(replay: HARReplayTransport, fixture: FixtureTarget, trace: ScenarioTrace) throws {
        var environment = fixture.environment
        var servers: [String: TestHTTPServer] = [:]
        for variable in fixture.loopbackVariables {
            guard let value = environment[variable], let components = URLComponents(string: value), let origin = Self.origin(of: components) else {
                throw ConformanceFailure(
                    "\(FixtureTarget.fileName) lists \(variable) under loopback, but its environment holds no http(s) URL for it")
            }
            let server = try servers[origin] ?? TestHTTPServer { request in Self.answer(request, origin: origin, replay: replay, trace: trace) }
            servers[origin] = server
            environment[variable] = server.baseURL.absoluteString + components.percentEncodedPath
        }
        self.environment = environment
        self.servers = Array(servers.values)
    }

    deinit {
        stop()
    }

    /// The ports the servers listen on: the only places a live request may go.
    var ports: Set<Int> { Set(servers.map(\.port)) }

    func stop() {
        for server in servers { server.stop() }
    }

    /// `scheme://host[:port]` of an http(s) URL.
    private static func origin(of url: URLComponents) -> String? {
        guard let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = url.host, !host.isEmpty else { return nil }
        return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
    }

    /// Headers the server writes itself: the recorded body is sent whole and decoded, so the
    /// recording's framing and encoding no longer describe it.
    private static let framingHeaders: Set<String> = ["content-length", "transfer-encoding", "content-encoding", "connection", "keep-alive"]

    private static func answer(_ request: TestHTTPRequest, origin: String, replay: HARReplayTransport, trace: ScenarioTrace) -> TestHTTPResponse {
        let url = origin + request.target
        do {
            guard let parsed = URL(string: url) else { throw ConformanceFailure("the request target \(request.target) is not a valid URL path") }
            let sent = HARArchive.Request(method: request.method, url: parsed, headers: request.headers, body: request.body, scrubbing: replay.scrubbing)
            let response = try replay.response(to: sent)
            trace.record(.exchange(method: request.method, url: url, response: response))
            return TestHTTPResponse(
                status: response.status, headers: response.headers.filter { !framingHeaders.contains($0.name.lowercased()) }.map { ($0.name, $0.value) },
                body: response.body)
        } catch {
            let reason = (error as? FineTuningError)?.message ?? "\(error)"
            trace.record(.unmatched(method: request.method, url: url, reason: reason))
            let body = JSONValue.object(["error": .object(["message": .string(reason), "type": "not_recorded"])]).jsonText
            return .json(body, status: 501, headers: [("x-should-retry", "false")])
        }
    }
}
