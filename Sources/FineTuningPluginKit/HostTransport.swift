import CFineTuningPlugin
import FineTuning
import FineTuningHTTP
import FineTuningPluginABI
import Foundation

/// The transport a kit plugin's provider is given: every request goes to the host's HTTP
/// service (so it gets the host's retries, redaction and HAR replay). The blocking host call runs
/// on a thread of its own, never on a thread of the cooperative pool.
struct HostTransport: HTTPTransport {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let call = HostCall.current, let http = call.host.pointee.http, let release = call.host.pointee.free_string else {
            throw FineTuningError(.pluginABI, "the host HTTP service can only be used during an operation")
        }
        let text = String(decoding: try JSONEncoder().encode(HostHTTPExchange.Request(request)), as: UTF8.self)
        let (status, answer) = await BlockingBridge.onDedicatedThread {
            var answer: UnsafeMutablePointer<CChar>?
            let status = text.withCString { http(call.token, $0, &answer) }
            defer { release(answer) }
            return (status, answer.map { String(cString: $0) } ?? "")
        }
        let data = Data(answer.utf8)
        guard status == FINETUNE_OK else {
            throw (try? PluginErrorDocument(json: data).error) ?? FineTuningError(.transport, "the host HTTP service failed: \(answer)")
        }
        return try JSONDecoder().decode(HostHTTPExchange.Response.self, from: data).httpResponse
    }
}
