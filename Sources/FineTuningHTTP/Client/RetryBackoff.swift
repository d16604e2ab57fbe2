import Foundation
import FineTuningBase

/// Exponential backoff with full jitter, honouring a server's retry-after up to a cap. The clock
/// is injectable so tests and conformance runs do not sleep for real.
public struct RetryBackoff: Sendable {
    public var initial: Duration
    public var maximum: Duration
    /// The longest server-requested wait that is honoured; longer ones are cut to this.
    public var retryAfterCap: Duration
    /// The clock the pauses are taken on (tests and conformance runs pass an `ImmediateClock`).
    public var clock: any Clock<Duration>

    public init(
        initial: Duration = .milliseconds(500), maximum: Duration = .seconds(8), retryAfterCap: Duration = .seconds(60),
        clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.initial = initial
        self.maximum = maximum
        self.retryAfterCap = retryAfterCap
        self.clock = clock
    }

    /// The wait before retry number `attempt` (1-based).
    public func delay(attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, retryAfterCap) }
        let ceiling = min(maximum, initial * pow(2, Double(attempt - 1)))
        return .seconds(Double.random(in: (ceiling.inSeconds / 2)...ceiling.inSeconds))
    }

    /// Pauses before retry number `attempt`; ends early (with CancellationError) if the task is cancelled.
    public func sleep(attempt: Int, retryAfter: Duration?) async throws {
        try await clock.sleep(for: delay(attempt: attempt, retryAfter: retryAfter))
    }
}
