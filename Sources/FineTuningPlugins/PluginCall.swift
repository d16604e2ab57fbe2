import FineTuning
import FineTuningHTTP
import FineTuningPluginABI
import Foundation
import Logging
import Synchronization

/// The host's side of one operation call: what the `finetune_call *` token stands for. It
/// holds the transport the plugin's HTTP calls go through, the logger, and whether the caller has
/// cancelled (which also cancels HTTP exchanges in flight).
final class PluginCall: Sendable {
    private struct State {
        var cancelled = false
        var inFlight: [Int: Task<Result<HTTPResponse, any Error>, Never>] = [:]
        var nextExchange = 0
    }

    let transport: any HTTPTransport
    private let provider: String
    private let logger: Logger
    private let state = Mutex(State())
    /// The record of a create call's state-changing exchanges; nil for other operations.
    private let createExchanges: PluginCreateExchanges?

    init(provider: String, transport: any HTTPTransport, logger: Logger, createExchanges: PluginCreateExchanges? = nil) {
        self.provider = provider
        self.transport = transport
        self.logger = logger
        self.createExchanges = createExchanges
    }

    /// Logs one of the plugin's lines, redacted, with the plugin's provider id as `plugin` metadata.
    func log(_ level: Logger.Level, _ message: String) {
        logger.log(level: level, "\(Redaction.standard.text(message))", metadata: ["plugin": "\(provider)"])
    }

    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Marks the call cancelled and cancels its HTTP exchanges.
    func cancel() {
        let tasks = state.withLock { state in
            state.cancelled = true
            return Array(state.inFlight.values)
        }
        tasks.forEach { $0.cancel() }
    }

    /// Sends `request` through the transport, blocking the calling (plugin) thread.
    func send(_ request: HTTPRequest) -> Result<HTTPResponse, any Error> {
        let transport = transport
        let task = Task { () -> Result<HTTPResponse, any Error> in
            do { return .success(try await transport.send(request)) } catch { return .failure(error) }
        }
        let registered: Int? = state.withLock { state in
            guard !state.cancelled else { return nil }
            state.nextExchange += 1
            state.inFlight[state.nextExchange] = task
            return state.nextExchange
        }
        guard let exchange = registered else {
            task.cancel()
            return .failure(FineTuningError(.cancelled, "the operation was cancelled"))
        }
        let result = BlockingBridge.wait { await task.value }
        state.withLock { $0.inFlight[exchange] = nil }
        createExchanges?.record(request, result)
        return result
    }
}
