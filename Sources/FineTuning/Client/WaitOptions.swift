/// How `wait` polls a job.
public struct WaitOptions: Sendable {
    /// Seconds between the first polls; nil uses the provider's own interval.
    public var pollInterval: Double?
    /// The longest pause between polls while nothing changes (the interval grows 1.5x each quiet poll).
    public var maxPollInterval: Double
    /// Give up after this many seconds (nil: wait as long as it takes; cancel the task to stop).
    public var timeout: Double?
    /// Also fetch and report the job's events, where the provider has them.
    public var includeEvents: Bool
    /// How to pause between polls (tests pass one that does not really sleep).
    public var sleeper: @Sendable (Double) async throws -> Void

    public init(
        pollInterval: Double? = nil, maxPollInterval: Double = 60, timeout: Double? = nil, includeEvents: Bool = true,
        sleeper: @escaping @Sendable (Double) async throws -> Void = { seconds in
            try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        }
    ) {
        self.pollInterval = pollInterval
        self.maxPollInterval = maxPollInterval
        self.timeout = timeout
        self.includeEvents = includeEvents
        self.sleeper = sleeper
    }
}

/// What `wait` reports while it polls.
public enum JobUpdate: Sendable {
    /// The job's state changed (reported for the first poll too).
    case status(FineTuningJob)
    /// The job progressed (steps or epochs) without changing state.
    case progress(FineTuningJob)
    /// A new event of the job.
    case event(JobEvent)
}
