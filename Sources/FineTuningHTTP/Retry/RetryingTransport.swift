import FineTuning

/// Sends again where that is safe: an idempotent request (`request.isIdempotent`) after a
/// transport error, 408, 429 or 5xx, waiting with exponential backoff and jitter or as long as
/// the server asked (`retry-after-ms`, `Retry-After`), up to a cap. A request that is not
/// idempotent is re-sent only when it certainly never left this machine (host not found,
/// connection refused). Attempts and time come from the logical call's `RetryBudget` (the one a
/// layer above opened, or one of its own from `policy`). When the budget runs out, the last response
/// is returned (or the last error thrown) so the client maps it as usual.
public struct RetryingTransport: HTTPTransport {
    public let base: any HTTPTransport
    public let policy: RetryPolicy

    public init(base: any HTTPTransport, policy: RetryPolicy = .init()) {
        self.base = base
        self.policy = policy
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let budget = RetryBudget.current ?? RetryBudget(maxAttempts: policy.maxAttempts, deadline: policy.deadline)
        var attempt = 1
        while true {
            budget.recordAttempt()
            let response: HTTPResponse
            do {
                response = try await base.send(budget.bounding(request))
            } catch let error as FineTuningError where policy.shouldRetry(error, isIdempotent: request.isIdempotent) {
                let delay = policy.backoff.delay(attempt: attempt, retryAfter: nil)
                guard budget.allowsRetry(after: delay) else { throw error }
                try await policy.backoff.clock.sleep(for: delay)
                attempt += 1
                continue
            }
            guard request.isIdempotent, policy.shouldRetry(response) else { return response }
            let delay = policy.backoff.delay(attempt: attempt, retryAfter: HTTPErrorMapping.retryAfter(response.headers))
            guard budget.allowsRetry(after: delay) else { return response }
            try await policy.backoff.clock.sleep(for: delay)
            attempt += 1
        }
    }
}
