import Synchronization

/// A clock whose sleeps return at once: each one moves the clock's own time forward by the pause
/// asked for and is recorded. Waits and retries run on it without waiting for real (tests, conformance
/// runs over recorded fixtures) while timeouts and backoff still see time pass.
public final class ImmediateClock: Clock, Sendable {
    /// A point on this clock's time line.
    public struct Instant: InstantProtocol, Sendable {
        public var offset: Duration

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))
    private let onSleep: (@Sendable (Duration) -> Void)?

    /// `onSleep` sees each pause as it is taken (a conformance trace records them among the exchanges).
    public init(onSleep: (@Sendable (Duration) -> Void)? = nil) {
        self.onSleep = onSleep
    }

    public var now: Instant { Instant(offset: state.withLock { $0.now }) }
    public var minimumResolution: Duration { .zero }

    /// Every pause asked for, in order.
    public var sleeps: [Duration] { state.withLock { $0.sleeps } }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        let pause = state.withLock { state in
            let pause = max(.zero, deadline.offset - state.now)
            state.sleeps.append(pause)
            state.now = max(state.now, deadline.offset)
            return pause
        }
        onSleep?(pause)
    }
}
