import Foundation
import Synchronization

/// Writes lines to a file descriptor in batches, without making their callers wait for a `write` or
/// wake a thread per line: a line is appended to a buffer, and a serial queue writes whatever has
/// gathered `delay` after the first line of a batch; sooner for an urgent line or a full buffer.
/// `flush()` writes everything at once. Lines keep their order.
final class BatchedLineWriter: Sendable {
    private enum Flush { case none, delayed, immediate }

    private let descriptor: Int32
    private let delay: DispatchTimeInterval
    private let pending = Mutex<(bytes: [UInt8], flush: Flush)>(([], .none))
    private let queue = DispatchQueue(label: "finetune.log-writer")
    /// Buffered bytes that make a batch go out without waiting for its delay.
    private static let fullBuffer = 64 << 10

    init(descriptor: Int32, delay: DispatchTimeInterval) {
        self.descriptor = descriptor
        self.delay = delay
    }

    /// Queues `line` (which ends with its newline); an `urgent` one is written as soon as the queue can.
    func append(_ line: String, urgent: Bool) {
        let schedule = pending.withLock { pending -> Flush in
            pending.bytes.append(contentsOf: line.utf8)
            if urgent || pending.bytes.count >= Self.fullBuffer {
                guard pending.flush != .immediate else { return .none }
                pending.flush = .immediate
            } else {
                guard pending.flush == .none else { return .none }
                pending.flush = .delayed
            }
            return pending.flush
        }
        switch schedule {
        case .none: break
        case .delayed: queue.asyncAfter(deadline: .now() + delay) { self.writePending() }
        case .immediate: queue.async { self.writePending() }
        }
    }

    /// Returns once every line appended before the call has been written.
    func flush() {
        queue.sync { writePending() }
    }

    private func writePending() {
        let bytes = pending.withLock { pending in
            pending.flush = .none
            defer { pending.bytes.removeAll(keepingCapacity: true) }
            return pending.bytes
        }
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
