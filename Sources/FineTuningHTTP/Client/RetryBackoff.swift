import Foundation

/// Exponential backoff with full jitter, honouring a server's retry-after up to a cap. The clock
/// is injectable so tests and conformance runs do not sleep for real.
public struct RetryBackoff: Sendable {
    public typealias Sleeper = @Sendable (_ seconds: Double) async throws -> Void

    public var initial: Double
    public var maximum: Double
    /// The longest server-requested wait that is honoured; longer ones are cut to this.
    public var retryAfterCap: Double
    public var sleeper: Sleeper

    public init(initial: Double = 0.5, maximum: Double = 8, retryAfterCap: Double = 60, sleeper: @escaping Sleeper = RetryBackoff.realSleep) {
        self.initial = initial
        self.maximum = maximum
        self.retryAfterCap = retryAfterCap
        self.sleeper = sleeper
    }

    /// The wait before retry number `attempt` (1-based).
    public func delay(attempt: Int, retryAfter: Double?) -> Double {
        if let retryAfter { return min(retryAfter, retryAfterCap) }
        let ceiling = min(maximum, initial * pow(2, Double(attempt - 1)))
        return Double.random(in: (ceiling / 2)...ceiling)
    }

    public func sleep(attempt: Int, retryAfter: Double?) async throws {
        try await sleeper(delay(attempt: attempt, retryAfter: retryAfter))
    }

    /// Sleeps for real, ending early (with CancellationError) if the task is cancelled.
    public static let realSleep: Sleeper = { seconds in
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
}
