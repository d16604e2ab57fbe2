import CCurlShim
import FineTuning
import Foundation
import Logging
import Synchronization

/// A curl multi handle driven by its own thread. Tasks submit transfers through a locked inbox
/// and wake the thread; the thread runs every transfer to completion and resumes the waiting
/// task from there, so curl never blocks Swift's cooperative pool. The multi handle's connection
/// cache keeps connections alive across requests, whichever easy handle carries them.
///
/// `@unchecked Sendable`: `multi` and the easy handles are used only on the loop thread, except
/// `curl_multi_wakeup`, which libcurl documents as callable from any thread; the inbox is a mutex.
final class CurlMultiLoop: @unchecked Sendable {
    private struct Inbox {
        var submitted: [CurlTransfer] = []
        var isStopping = false
    }

    /// Reset easy handles kept for reuse; more idle ones than this are freed.
    private static let idleHandleLimit = 16

    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let logger: Logger

    init(configuration: CurlTransport.Configuration) {
        guard let multi = curl_multi_init() else { fatalError("curl_multi_init failed") }
        self.multi = multi
        self.logger = configuration.logger
        let thread = Thread { [self] in run() }
        thread.name = "CurlTransport"
        thread.start()
    }

    func submit(_ transfer: CurlTransfer) {
        inbox.withLock { $0.submitted.append(transfer) }
        curl_multi_wakeup(multi)
    }

    /// Aborts `transfer` if it is still running; its task then gets a `cancelled` error.
    func cancel(_ transfer: CurlTransfer) {
        transfer.markCancelled()
        curl_multi_wakeup(multi)
    }

    /// Ends the thread; transfers still running fail as cancelled.
    func stop() {
        inbox.withLock { $0.isStopping = true }
        curl_multi_wakeup(multi)
    }

    private func run() {
        var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
        var idle: [UnsafeMutableRawPointer] = []

        func finish(_ easy: UnsafeMutableRawPointer, _ transfer: CurlTransfer, _ outcome: Result<HTTPResponse, FineTuningError>) {
            curl_multi_remove_handle(multi, easy)
            active[easy] = nil
            curl_easy_reset(easy)
            if idle.count < Self.idleHandleLimit { idle.append(easy) } else { curl_easy_cleanup(easy) }
            transfer.releaseResources()
            logger.debug("\(transfer.logLine(outcome))")
            transfer.resume(outcome)
        }

        while true {
            let (submitted, isStopping) = inbox.withLock { inbox in
                defer { inbox.submitted = [] }
                return (inbox.submitted, inbox.isStopping)
            }
            if isStopping {
                for (easy, transfer) in active { finish(easy, transfer, .failure(Self.cancelledError(transfer))) }
                for transfer in submitted { transfer.resume(.failure(Self.cancelledError(transfer))) }
                break
            }
            for transfer in submitted {
                guard let easy = idle.popLast() ?? curl_easy_init() else {
                    transfer.resume(.failure(TransportFailure.other.error("curl_easy_init failed")))
                    continue
                }
                do {
                    try transfer.configure(easy)
                    active[easy] = transfer
                    curl_multi_add_handle(multi, easy)
                } catch {
                    active[easy] = transfer
                    finish(easy, transfer, .failure(error as? FineTuningError ?? TransportFailure.other.error("\(error)")))
                }
            }
            for (easy, transfer) in active where transfer.isCancelled {
                finish(easy, transfer, .failure(Self.cancelledError(transfer)))
            }

            var running: Int32 = 0
            curl_multi_perform(multi, &running)
            var queued: Int32 = 0
            while let message = curl_multi_info_read(multi, &queued) {
                guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                    let transfer = active[easy]
                else { continue }
                let outcome = transfer.outcome(curl_shim_message_result(message), easy: easy)
                finish(easy, transfer, outcome)
            }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for easy in idle { curl_easy_cleanup(easy) }
        curl_multi_cleanup(multi)
    }

    private static func cancelledError(_ transfer: CurlTransfer) -> FineTuningError {
        FineTuningError(.cancelled, "\(transfer.request.method) \(Redaction.standard.url(transfer.request.url)) was cancelled")
    }
}
