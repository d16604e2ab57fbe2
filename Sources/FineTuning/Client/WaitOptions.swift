/// How `wait` polls a job.
public struct WaitOptions: Sendable {
    /// The pause between the first polls; nil uses the provider's own interval.
    public var pollInterval: Duration?
    /// The longest pause between polls while nothing changes (the interval grows 1.5x each quiet poll).
    public var maxPollInterval: Duration
    /// Give up after this long (nil: wait as long as it takes; cancel the task to stop).
    public var timeout: Duration?
    /// Also fetch and report the job's events, where the provider has them.
    public var includeEvents: Bool
    /// The clock that times the wait and its pauses (tests pass an `ImmediateClock`).
    public var clock: any Clock<Duration>

    public init(
        pollInterval: Duration? = nil, maxPollInterval: Duration = .seconds(60), timeout: Duration? = nil,
        includeEvents: Bool = true, clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.pollInterval = pollInterval
        self.maxPollInterval = maxPollInterval
        self.timeout = timeout
        self.includeEvents = includeEvents
        self.clock = clock
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
