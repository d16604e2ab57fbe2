import FineTuning

/// Sends again where that is safe: an idempotent request (`request.isIdempotent`) after a
/// transport error, 408, 429 or 5xx, waiting with exponential backoff and jitter or as long as
/// the server asked (`retry-after-ms`, `Retry-After`), up to a cap. A request that is not
/// idempotent is re-sent only when it certainly never left this machine (host not found,
/// connection refused). When the attempts run out, the last response is returned (or the last
/// error thrown) so the client maps it as usual.
public struct RetryingTransport: HTTPTransport {
    public let base: any HTTPTransport
    public let policy: RetryPolicy

    public init(base: any HTTPTransport, policy: RetryPolicy = .init()) {
        self.base = base
        self.policy = policy
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var attempt = 1
        while true {
            let response: HTTPResponse
            do {
                response = try await base.send(request)
            } catch let error as FineTuningError where attempt < policy.maxAttempts && policy.shouldRetry(error, isIdempotent: request.isIdempotent) {
                try await policy.backoff.sleep(attempt: attempt, retryAfter: nil)
                attempt += 1
                continue
            }
            guard attempt < policy.maxAttempts, request.isIdempotent, policy.shouldRetry(response) else { return response }
            try await policy.backoff.sleep(attempt: attempt, retryAfter: HTTPErrorMapping.retryAfter(response.headers))
            attempt += 1
        }
    }
}
