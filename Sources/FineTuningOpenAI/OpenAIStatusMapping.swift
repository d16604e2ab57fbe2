import FineTuning

/// OpenAI-style job states -> normalized states. The table holds OpenAI's states, `paused` (sent
/// by OpenAI although its SDKs do not list it) and Azure classic's `created`, `pending` and
/// `notRunning`. Anything else stays `unknown(raw)`.
enum OpenAIStatusMapping {
    static let table: [String: JobStatus] = [
        "validating_files": .validating,
        "queued": .queued,
        "running": .running,
        "paused": .paused,
        "succeeded": .succeeded,
        "failed": .failed,
        "cancelled": .cancelled,
        // Azure OpenAI classic: accepted, waiting for its turn, not started yet.
        "created": .queued,
        "pending": .queued,
        "notRunning": .queued,
    ]

    static func status(_ raw: String) -> JobStatus {
        table[raw] ?? .unknown(raw)
    }
}
