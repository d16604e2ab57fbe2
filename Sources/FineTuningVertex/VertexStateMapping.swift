import FineTuning

/// Vertex job states (`JobState` in job_state.proto) and tuning detail states (`TuningJobState`)
/// to the normalized status. Every value Vertex defines has a row; anything else is `unknown(raw)`.
enum VertexStateMapping {
    /// `state` of a TuningJob.
    static let jobStates: [String: JobStatus] = [
        "JOB_STATE_UNSPECIFIED": .unknown("JOB_STATE_UNSPECIFIED"),
        "JOB_STATE_QUEUED": .queued,
        "JOB_STATE_PENDING": .queued,
        "JOB_STATE_RUNNING": .running,
        "JOB_STATE_SUCCEEDED": .succeeded,
        "JOB_STATE_FAILED": .failed,
        "JOB_STATE_CANCELLING": .cancelling,
        "JOB_STATE_CANCELLED": .cancelled,
        "JOB_STATE_PAUSED": .paused,
        "JOB_STATE_EXPIRED": .expired,
        // "Only jobs in RUNNING can be updated; afterwards the job goes back to RUNNING."
        "JOB_STATE_UPDATING": .running,
        // Defined for batch jobs; a tuning job never ends in it and the normalized model has no
        // "partly succeeded", so it stays visible as unknown rather than pretending to succeed.
        "JOB_STATE_PARTIALLY_SUCCEEDED": .unknown("JOB_STATE_PARTIALLY_SUCCEEDED"),
    ]

    /// `tuningJobState`, which refines a job that is not yet finished.
    static let tuningJobStates: [String: JobStatus] = [
        "TUNING_JOB_STATE_WAITING_FOR_QUOTA": .queued,
        "TUNING_JOB_STATE_PROCESSING_DATASET": .validating,
        "TUNING_JOB_STATE_WAITING_FOR_CAPACITY": .queued,
        "TUNING_JOB_STATE_TUNING": .running,
        "TUNING_JOB_STATE_POST_PROCESSING": .running,
    ]

    /// The normalized status of a job in `state`, refined by `tuningJobState` while the job is
    /// queued or running (a pending job that is processing its dataset is `validating`).
    static func status(state: String?, tuningJobState: String?) -> JobStatus {
        guard let state else { return .unknown("") }
        guard let status = jobStates[state] else { return .unknown(state) }
        guard status == .queued || status == .running, let detail = tuningJobState.flatMap({ tuningJobStates[$0] }) else {
            return status
        }
        return detail
    }

    /// The `state` values in which a job can have `status` (a superset: a `validating` job is
    /// pending, queued or running on Vertex), for a server-side filter that is refined locally.
    static func states(for status: JobStatus) -> [String] {
        if case .unknown(let raw) = status { return raw.isEmpty ? [] : [raw] }
        let refinable = tuningJobStates.values.contains(status)
        return jobStates.filter { state in
            state.value == status || (refinable && (state.value == .queued || state.value == .running))
        }.keys.sorted()
    }
}
