/// A fine-tuning backend. Adapters only translate between the provider's API and the normalized
/// model; everything else (routing, validation, waiting, paging) is the framework's.
///
/// Ids passed to and returned by these methods are the provider's native ids; jobs carry the
/// provider-qualified `JobID`. Optional operations have defaults that throw `unsupported`, so an
/// adapter implements only what its `descriptor.capabilities` declares.
public protocol FineTuningProvider: Sendable {
    var descriptor: ProviderDescriptor { get }

    /// Starts a job. Local data files in the request have already been validated.
    func createJob(_ request: ProviderJobRequest) async throws -> FineTuningJob
    func getJob(id: String) async throws -> FineTuningJob
    /// One page of jobs, newest first where the provider orders them.
    func listJobs(_ page: PageRequest, filter: JobFilter) async throws -> Page<FineTuningJob>
    /// Asks the provider to stop the job and returns the job as it stands after the request.
    func cancelJob(id: String) async throws -> FineTuningJob

    /// One page of the job's events (capability `events`).
    func listEvents(jobID: String, page: PageRequest) async throws -> Page<JobEvent>
    /// One page of checkpoints (capability `checkpoints`).
    func listCheckpoints(jobID: String, page: PageRequest) async throws -> Page<Checkpoint>
    /// Capability `pause_resume`.
    func pauseJob(id: String) async throws -> FineTuningJob
    /// Capability `pause_resume`.
    func resumeJob(id: String) async throws -> FineTuningJob
    /// Starts a job created with `startsImmediately == false` (capability `deferred_start`).
    func startJob(id: String) async throws -> FineTuningJob
}

extension FineTuningProvider {
    public func listEvents(jobID: String, page: PageRequest) async throws -> Page<JobEvent> {
        throw FineTuningError.unsupported(.events, provider: descriptor.id)
    }

    public func listCheckpoints(jobID: String, page: PageRequest) async throws -> Page<Checkpoint> {
        throw FineTuningError.unsupported(.checkpoints, provider: descriptor.id)
    }

    public func pauseJob(id: String) async throws -> FineTuningJob {
        throw FineTuningError.unsupported(.pauseResume, provider: descriptor.id)
    }

    public func resumeJob(id: String) async throws -> FineTuningJob {
        throw FineTuningError.unsupported(.pauseResume, provider: descriptor.id)
    }

    public func startJob(id: String) async throws -> FineTuningJob {
        throw FineTuningError.unsupported(.deferredStart, provider: descriptor.id)
    }
}

/// Which jobs a listing returns.
public struct JobFilter: Sendable, Hashable {
    /// Only jobs in one of these states (nil: all).
    public var statuses: [JobStatus]?
    /// Only jobs carrying all of these labels / metadata pairs.
    public var labels: [String: String]

    public init(statuses: [JobStatus]? = nil, labels: [String: String] = [:]) {
        self.statuses = statuses
        self.labels = labels
    }

    /// True when `job` passes the filter (for providers that cannot filter server-side).
    public func matches(_ job: FineTuningJob) -> Bool {
        if let statuses, !statuses.contains(job.status) { return false }
        return labels.allSatisfy { job.labels[$0.key] == $0.value }
    }
}
