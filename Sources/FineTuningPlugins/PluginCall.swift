import FineTuning
import FineTuningHTTP
import FineTuningPluginABI
import Foundation

/// The host's side of one operation call: what the `finetune_call *` token stands for. It
/// holds the transport the plugin's HTTP calls go through, the log, and whether the caller has
/// cancelled (which also cancels HTTP exchanges in flight).
final class PluginCall: @unchecked Sendable {
    // @unchecked: the mutable state is guarded by `lock`.
    let transport: any HTTPTransport
    private let provider: String
    private let log: PluginLog
    private let lock = NSLock()
    private var cancelled = false
    private var inFlight: [Int: Task<Result<HTTPResponse, any Error>, Never>] = [:]
    private var nextExchange = 0
    /// The record of a create call's state-changing exchanges; nil for other operations.
    private let createExchanges: PluginCreateExchanges?

    init(provider: String, transport: any HTTPTransport, log: PluginLog, createExchanges: PluginCreateExchanges? = nil) {
        self.provider = provider
        self.transport = transport
        self.log = log
        self.createExchanges = createExchanges
    }

    /// Writes one of the plugin's log lines.
    func write(_ level: PluginLog.Level, _ message: String) {
        log.write(level, provider: provider, message)
    }

    var isCancelled: Bool { lock.withLock { cancelled } }

    /// Marks the call cancelled and cancels its HTTP exchanges.
    func cancel() {
        let tasks = lock.withLock {
            cancelled = true
            return Array(inFlight.values)
        }
        tasks.forEach { $0.cancel() }
    }

    /// Sends `request` through the transport, blocking the calling (plugin) thread.
    func send(_ request: HTTPRequest) -> Result<HTTPResponse, any Error> {
        let transport = transport
        let task = Task { () -> Result<HTTPResponse, any Error> in
            do { return .success(try await transport.send(request)) } catch { return .failure(error) }
        }
        let registered: Int? = lock.withLock {
            guard !cancelled else { return nil }
            nextExchange += 1
            inFlight[nextExchange] = task
            return nextExchange
        }
        guard let exchange = registered else {
            task.cancel()
            return .failure(FineTuningError(.cancelled, "the operation was cancelled"))
        }
        let result = BlockingBridge.wait { await task.value }
        lock.withLock { inFlight[exchange] = nil }
        createExchanges?.record(request, result)
        return result
    }
}
