import Foundation

/// The polling loop behind `FineTuningClient.wait`.
struct JobWatcher {
    let provider: any FineTuningProvider
    let jobID: JobID
    let options: WaitOptions

    func run(onUpdate: (JobUpdate) -> Void) async throws -> FineTuningJob {
        try await run(clock: options.clock, onUpdate: onUpdate)
    }

    private func run<C: Clock<Duration>>(clock: C, onUpdate: (JobUpdate) -> Void) async throws -> FineTuningJob {
        let baseInterval = options.pollInterval ?? provider.descriptor.pollInterval
        let wantsEvents = options.includeEvents && provider.descriptor.capabilities.contains(.events)
        let start = clock.now
        var interval = baseInterval
        var last: FineTuningJob?
        var events = NewEventReader(provider: provider, jobID: jobID.native)

        while true {
            try Task.checkCancellation()
            let job = try await provider.getJob(id: jobID.native)
            var changed = false
            if last?.status != job.status {
                onUpdate(.status(job))
                changed = true
            } else if last?.progress != job.progress {
                onUpdate(.progress(job))
                changed = true
            }
            if wantsEvents {
                let fresh = try await events.next()
                fresh.forEach { onUpdate(.event($0)) }
                changed = changed || !fresh.isEmpty
            }
            last = job
            if job.status.isTerminal { return job }

            let elapsed = start.duration(to: clock.now)
            if let timeout = options.timeout, elapsed >= timeout {
                throw FineTuningError(
                    .timeout,
                    "job \(jobID) is still \(job.status) after \(elapsed.components.seconds) s; it keeps running: wait again, or cancel it",
                    provider: jobID.provider)
            }
            interval = changed ? baseInterval : min(interval * 1.5, max(options.maxPollInterval, baseInterval))
            let remaining = options.timeout.map { $0 - elapsed } ?? interval
            try await clock.sleep(for: min(interval, max(.zero, remaining)))
        }
    }

    /// Events oldest first; events without a time keep their relative order at the end.
    static func chronological(_ events: [JobEvent]) -> [JobEvent] {
        events.enumerated().sorted { lhs, rhs in
            switch (lhs.element.createdAt, rhs.element.createdAt) {
            case let (left?, right?) where left != right: left < right
            case (nil, .some): false
            case (.some, nil): true
            default: lhs.offset < rhs.offset
            }
        }.map(\.element)
    }
}
