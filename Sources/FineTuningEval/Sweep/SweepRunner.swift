public import FineTuning
import Foundation

/// Runs a sweep's trials as ordinary jobs (each listable and cancellable like any other), at most
/// `parallel` at a time, within `maxTime`. A running trial whose validation loss is more than
/// `earlyStopRatio` times the best loss any trial reached by the same epoch is cancelled.
public struct SweepRunner: Sendable {
    public var client: FineTuningClient
    /// The request every trial starts from; its hyperparameters are overridden by the trial's.
    public var base: CreateJobRequest
    public var fixed: [String: JSONValue]
    public var parallel: Int
    public var maxTime: Duration?
    public var earlyStopRatio: Double
    public var pollInterval: Duration
    /// What `maxTime` and the pauses between polls are measured on (tests pass an `ImmediateClock`).
    public var clock: any Clock<Duration>

    public init(
        client: FineTuningClient, base: CreateJobRequest, fixed: [String: JSONValue] = [:], parallel: Int = 1, maxTime: Duration? = nil,
        earlyStopRatio: Double = 1.25, pollInterval: Duration = .milliseconds(500), clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.client = client
        self.base = base
        self.fixed = fixed
        self.parallel = max(1, parallel)
        self.maxTime = maxTime
        self.earlyStopRatio = earlyStopRatio
        self.pollInterval = pollInterval
        self.clock = clock
    }

    /// The request of one trial (checked before any trial starts, so a bad value fails the sweep at once).
    public func request(for hyperparameters: [String: JSONValue]) throws -> CreateJobRequest {
        var request = base
        request.hyperparameters = try Hyperparameters(parsing: fixed.merging(hyperparameters) { $1 }, passThroughUnknown: true)
        return request
    }

    public func run(_ trials: [[String: JSONValue]], progress: @escaping @Sendable (SweepTrial) -> Void = { _ in }) async throws -> [SweepTrial] {
        // `self.` spelled out: a bare `clock` also names C's clock(), which keeps the existential from being opened.
        try await runTrials(trials, on: self.clock, progress: progress)
    }

    private func runTrials<C: Clock<Duration>>(_ trials: [[String: JSONValue]], on clock: C, progress: @escaping @Sendable (SweepTrial) -> Void) async throws -> [SweepTrial] {
        let requests = try trials.map { try request(for: $0) }
        var state = trials.enumerated().map { SweepTrial(number: $0.offset + 1, hyperparameters: $0.element, outcome: .pending) }
        let deadline = maxTime.map { clock.now.advanced(by: $0) }
        var next = 0
        /// Per epoch (rounded to a whole epoch), the best validation loss any trial reported.
        var bestAtEpoch: [Int: Double] = [:]
        while true {
            let outOfTime = deadline.map { clock.now >= $0 } ?? false
            let running = state.indices.filter { state[$0].outcome == .running }
            if !outOfTime {
                for _ in 0..<max(0, parallel - running.count) where next < state.count {
                    let created = try await client.createJob(requests[next])
                    state[next].job = created.job.id.description
                    state[next].outcome = .running
                    progress(state[next])
                    next += 1
                }
            }
            var active = 0
            for index in state.indices where state[index].outcome == .running {
                guard let id = state[index].job.flatMap(JobID.init) else { continue }
                let job = try await client.job(id)
                let losses = try await validationLosses(id)
                if let last = losses.last {
                    state[index].validationLoss = last.loss
                    state[index].epoch = last.epoch
                }
                for point in losses {
                    let epoch = Int(point.epoch.rounded())
                    bestAtEpoch[epoch] = min(bestAtEpoch[epoch] ?? .infinity, point.loss)
                }
                if job.status.isTerminal {
                    state[index].outcome = job.status == .succeeded ? .succeeded : job.status == .failed ? .failed : .cancelled
                    progress(state[index])
                } else if outOfTime {
                    _ = try await client.cancelJob(id)
                    state[index].outcome = .outOfTime
                    progress(state[index])
                } else if let last = losses.last, last.epoch > 0, let best = Self.best(bestAtEpoch, upTo: Int(last.epoch.rounded())),
                          last.loss > best * earlyStopRatio {
                    _ = try await client.cancelJob(id)
                    state[index].outcome = .stoppedEarly
                    progress(state[index])
                } else {
                    active += 1
                }
            }
            if outOfTime {
                for index in state.indices where state[index].outcome == .pending { state[index].outcome = .outOfTime }
            }
            if active == 0 && (next >= state.count || outOfTime) { break }
            try await clock.sleep(for: pollInterval)
        }
        return state
    }

    /// The best validation loss any trial reported at `epoch` or earlier.
    static func best(_ bestAtEpoch: [Int: Double], upTo epoch: Int) -> Double? {
        bestAtEpoch.filter { $0.key <= epoch }.values.min()
    }

    /// The validation losses a job reported so far, oldest first, with the epoch of each.
    private func validationLosses(_ id: JobID) async throws -> [(epoch: Double, loss: Double)] {
        var points: [(epoch: Double, loss: Double)] = []
        for try await event in try client.events(id) {
            if let metrics = event.metrics, let loss = metrics.validLoss, loss.isFinite { points.append((metrics.epoch ?? 0, loss)) }
        }
        return points.sorted { $0.epoch < $1.epoch }
    }
}
