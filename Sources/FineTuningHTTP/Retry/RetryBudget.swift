import FineTuning
import Foundation
import Synchronization

/// The one retry budget of a logical call (a get, a list page, a cancel, a create with its re-sends):
/// at most `maxAttempts` requests in all, the first included, and no attempt starting after `deadline`,
/// each attempt's timeout cut to the time left (uploads excepted: a large file may take longer). Layers
/// that retry share it through the task-local `current`, so they never compound: `IdempotentCreate`
/// opens a budget around a create, and `RetryingTransport` below it spends from that budget instead of
/// opening its own.
///
/// Defaults: 3 attempts within 120 s. With the server gone, a call makes at most 3 connection attempts;
/// a server that accepts and never answers is given up on after 120 s.
public final class RetryBudget: Sendable {
    /// The budget of the logical call the current task is making, if a layer above opened one.
    @TaskLocal public static var current: RetryBudget?

    public static let defaultMaxAttempts = 3
    public static let defaultDeadline: Duration = .seconds(120)

    public let maxAttempts: Int
    public let deadline: Duration
    private let started = ContinuousClock.now
    private let attempts = Mutex(0)

    public init(maxAttempts: Int = RetryBudget.defaultMaxAttempts, deadline: Duration = RetryBudget.defaultDeadline) {
        self.maxAttempts = max(1, maxAttempts)
        self.deadline = max(deadline, .zero)
    }

    /// Time left before the deadline.
    public var remaining: Duration { max(.zero, deadline - (ContinuousClock.now - started)) }

    /// Attempts made so far.
    public var attemptsMade: Int { attempts.withLock { $0 } }

    /// Counts one attempt.
    public func recordAttempt() { attempts.withLock { $0 += 1 } }

    /// Whether another attempt may start after waiting `delay`.
    public func allowsRetry(after delay: Duration = .zero) -> Bool {
        attempts.withLock { $0 } < maxAttempts && delay < remaining
    }

    /// `request` with its timeout cut to the time left (not for uploads, whose size sets their time).
    func bounding(_ request: HTTPRequest) -> HTTPRequest {
        switch request.body {
        case .file, .multipart: return request
        case .empty, .data:
            let left = max(remaining, .milliseconds(1))
            var bounded = request
            bounded.timeout = request.timeout.map { min($0, left) } ?? left
            return bounded
        }
    }
}
