public import FineTuning

/// Makes a create safe to re-send. The create carries a client token (in labels or metadata);
/// after a failure that leaves it unclear whether the server made the job (the connection broke,
/// or a 5xx / 408 / 429 came back), the job is first looked up by that token, and the create is
/// re-sent only when no job carries it. A create that never left this machine (host not found,
/// connection refused) is simply re-sent. One call never makes two jobs.
public enum IdempotentCreate {
    /// Runs `create`; on an ambiguous failure asks `lookup` for a job made by an earlier attempt
    /// before trying again. Every request `create` sends, re-sends below included, spends from one
    /// `RetryBudget` of `attempts` requests and `deadline` seconds; each lookup is a call of its own.
    public static func run<Job: Sendable>(
        attempts: Int = RetryBudget.defaultMaxAttempts,
        deadline: Duration = RetryBudget.defaultDeadline,
        backoff: RetryBackoff = RetryBackoff(),
        create: @Sendable () async throws -> Job,
        lookup: @Sendable () async throws -> Job?
    ) async throws -> Job {
        let budget = RetryBudget(maxAttempts: attempts, deadline: deadline)
        var attempt = 0
        while true {
            attempt += 1
            let attemptsBefore = budget.attemptsMade
            do {
                return try await RetryBudget.$current.withValue(budget) { try await create() }
            } catch let error as FineTuningError where isAmbiguous(error) || neverSent(error) {
                if budget.attemptsMade == attemptsBefore { budget.recordAttempt() }  // a transport that does not spend from the budget
                if isAmbiguous(error), let existing = try await RetryBudget.$current.withValue(nil, operation: { try await lookup() }) {
                    return existing
                }
                let delay = backoff.delay(attempt: attempt, retryAfter: error.retryAfter)
                guard budget.allowsRetry(after: delay) else { throw error }
                try await backoff.clock.sleep(for: delay)
            }
        }
    }

    /// True when the request may have reached the server and a retry might be answered.
    public static func isAmbiguous(_ error: FineTuningError) -> Bool {
        guard !neverSent(error), error.transportFailure?.mayBeTransient != false else { return false }
        return [.transport, .timeout, .providerUnavailable, .rateLimited].contains(error.code)
    }

    /// The detail a create error carries when the server may have made the job although its answer
    /// was lost, and the create is not re-sent: where to look before creating the job again.
    public static func mayHaveBeenCreated(provider: String) -> String {
        "the job may have been created before the answer was lost: check `finetune list --provider \(provider)` before creating it again"
    }

    /// True when the create certainly never left this machine (host not found, connection
    /// refused): it is re-sent without a lookup.
    static func neverSent(_ error: FineTuningError) -> Bool {
        error.transportFailure?.requestWasNotSent == true
    }
}
