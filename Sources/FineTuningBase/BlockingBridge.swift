import Foundation
import Synchronization

/// The two crossings between Swift concurrency and blocking work (the plugin ABI's C calls, data
/// file validation, process waits), made so that no thread of the cooperative pool is ever blocked:
/// - an async caller runs blocking work on a thread of its own and is suspended meanwhile;
/// - a C caller on such a thread blocks it on a semaphore while async work runs in the pool.
package enum BlockingBridge {
    /// Runs `body` on a new thread and resumes the caller with its result.
    package static func onDedicatedThread<Value: Sendable>(_ body: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    /// Runs throwing `body` on a new thread and resumes the caller with its result or error.
    package static func onDedicatedThread<Value: Sendable>(_ body: @escaping @Sendable () throws -> Value) async throws -> Value {
        try await onDedicatedThread { Result { try body() } }.get()
    }

    /// Runs `body` on a new thread and resumes the caller with its result, or with nil once
    /// `timeout` has passed. The thread is not stopped: it runs `body` to its end and drops the
    /// result, so `body` must keep alive (capture) whatever it uses.
    package static func onDedicatedThread<Value: Sendable>(
        timeout: Duration, _ body: @escaping @Sendable () -> Value
    ) async -> Value? {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value?, Never>) in
            let once = ResumeOnce(continuation)
            let thread = Thread { once.resume(returning: body()) }
            thread.stackSize = 4 << 20
            thread.start()
            let (seconds, attoseconds) = timeout.components
            let nanoseconds = max(0, Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) { once.resume(returning: nil) }
        }
    }

    /// Runs `body` as a task and blocks the calling thread until it finishes. Never call it from
    /// a task: only from a thread that `onDedicatedThread` (or a plugin) owns.
    package static func wait<Value: Sendable>(for body: @escaping @Sendable () async -> Value) -> Value {
        let semaphore = DispatchSemaphore(value: 0)
        let result = ResultBox<Value>()
        Task {
            result.value = await body()
            semaphore.signal()
        }
        semaphore.wait()
        return result.value!
    }

    /// Runs throwing `body` as a task and blocks the calling thread until it returns or throws.
    /// Never call it from a task: only from a thread that is not part of the cooperative pool.
    package static func wait<Value: Sendable>(for body: @escaping @Sendable () async throws -> Value) throws -> Value {
        try wait { () async -> Result<Value, any Error> in
            do { return .success(try await body()) } catch { return .failure(error) }
        }.get()
    }
}

/// Carries a value from the task to the waiting thread; the semaphore orders the accesses.
private final class ResultBox<Value>: @unchecked Sendable {
    var value: Value?
}

/// Resumes a continuation with the first value offered and ignores the later ones.
private final class ResumeOnce<Value: Sendable>: Sendable {
    private let continuation: Mutex<CheckedContinuation<Value, Never>?>

    init(_ continuation: CheckedContinuation<Value, Never>) {
        self.continuation = Mutex(continuation)
    }

    func resume(returning value: Value) {
        continuation.withLock { $0.take() }?.resume(returning: value)
    }
}
