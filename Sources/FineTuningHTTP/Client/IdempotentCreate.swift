import FineTuning

/// Makes a create safe to re-send. The create carries a client token (in labels or metadata);
/// after a failure that leaves it unclear whether the server made the job (the connection broke,
/// or a 5xx / 408 / 429 came back), the job is first looked up by that token, and the create is
/// re-sent only when no job carries it. A create that never left this machine (host not found,
/// connection refused) is simply re-sent. One call never makes two jobs.
public enum IdempotentCreate {
    /// Runs `create`; on an ambiguous failure asks `lookup` for a job made by an earlier attempt
    /// before trying again, at most `attempts` times in all.
    public static func run<Job: Sendable>(
        attempts: Int = 3,
        backoff: RetryBackoff = RetryBackoff(),
        create: @Sendable () async throws -> Job,
        lookup: @Sendable () async throws -> Job?
    ) async throws -> Job {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await create()
            } catch let error as FineTuningError where attempt < attempts && (isAmbiguous(error) || neverSent(error)) {
                if isAmbiguous(error), let existing = try await lookup() { return existing }
                try await backoff.sleep(attempt: attempt, retryAfter: error.retryAfter)
            }
        }
    }

    /// True when the request may have reached the server and a retry might be answered.
    public static func isAmbiguous(_ error: FineTuningError) -> Bool {
        guard !neverSent(error), error.transportFailure?.mayBeTransient != false else { return false }
        return [.transport, .timeout, .providerUnavailable, .rateLimited].contains(error.code)
    }

    /// True when the create certainly never left this machine (host not found, connection
    /// refused): it is re-sent without a lookup.
    static func neverSent(_ error: FineTuningError) -> Bool {
        error.transportFailure?.requestWasNotSent == true
    }
}
