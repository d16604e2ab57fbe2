import CFineTuningPlugin
import FineTuning
import FineTuningHTTP
import FineTuningPluginABI
import Foundation
import Logging

/// The `finetune_host_v1` table the host hands to each plugin instance. Its functions find the
/// call they serve through the `finetune_call *` token, an unretained `PluginCall` that the
/// operation keeps alive until it returns.
enum HostServices {

    /// A new table; the caller owns it and frees it after `destroy_instance`.
    static func makeTable() -> UnsafeMutablePointer<finetune_host_v1> {
        let table = UnsafeMutablePointer<finetune_host_v1>.allocate(capacity: 1)
        table.initialize(to: finetune_host_v1(
            abi_version: UInt32(FINETUNE_PLUGIN_ABI_VERSION),
            struct_size: UInt32(MemoryLayout<finetune_host_v1>.size),
            http: { token, request, response in HostServices.http(token, request, response) },
            log: { token, level, message in
                guard let call = HostServices.call(token), let message else { return }
                call.log(HostServices.logLevel(level), String(cString: message))
            },
            is_cancelled: { token in HostServices.call(token)?.isCancelled ?? true ? 1 : 0 },
            free_string: { text in free(text) }))
        return table
    }

    /// The `Logger` level of a `FINETUNE_LOG_*` level; an unknown one is info.
    private static func logLevel(_ level: Int32) -> Logger.Level {
        switch level {
        case FINETUNE_LOG_DEBUG: .debug
        case FINETUNE_LOG_WARNING: .warning
        case FINETUNE_LOG_ERROR: .error
        default: .info
        }
    }

    /// The token of `call`, valid while the caller keeps `call` alive.
    static func token(for call: PluginCall) -> OpaquePointer {
        OpaquePointer(Unmanaged.passUnretained(call).toOpaque())
    }

    private static func call(_ token: OpaquePointer?) -> PluginCall? {
        token.map { Unmanaged<PluginCall>.fromOpaque(UnsafeRawPointer($0)).takeUnretainedValue() }
    }

    private static func http(
        _ token: OpaquePointer?, _ requestText: UnsafePointer<CChar>?, _ responseText: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> Int32 {
        guard let responseText else { return FINETUNE_ERROR }
        let outcome: Result<HTTPResponse, any Error>
        if let call = call(token), let requestText {
            do {
                outcome = call.send(try HostHTTPExchange.Request(json: Data(String(cString: requestText).utf8)).httpRequest())
            } catch {
                outcome = .failure(error)
            }
        } else {
            outcome = .failure(FineTuningError(.pluginABI, "host http was called without a call token or a request"))
        }
        switch outcome {
        case .success(let response):
            responseText.pointee = copy(jsonText(HostHTTPExchange.Response(response)))
            return FINETUNE_OK
        case .failure(let error):
            responseText.pointee = copy(PluginErrorDocument.text(from: error))
            return FINETUNE_ERROR
        }
    }

    private static func jsonText<Value: Encodable>(_ value: Value) -> String {
        (try? String(decoding: WireFormat.encoder().encode(value), as: UTF8.self)) ?? PluginErrorDocument.text(from: FineTuningError(.transport, "unencodable response"))
    }

    /// A copy released by `free_string` (free).
    private static func copy(_ text: String) -> UnsafeMutablePointer<CChar>? {
        strdup(text)
    }
}
