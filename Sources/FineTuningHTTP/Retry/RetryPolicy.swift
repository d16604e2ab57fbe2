public import FineTuning
import Foundation

/// When and how long `RetryingTransport` waits before sending a request again.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included (3: one try and two retries, like OpenAI's SDKs).
    public var maxAttempts: Int
    /// How long after the first attempt a new attempt may still start; each attempt's timeout is cut
    /// to the time left.
    public var deadline: Duration
    /// Backoff, jitter, the retry-after cap and the (injectable) clock.
    public var backoff: RetryBackoff
    /// Statuses worth retrying for an idempotent request.
    public var retryableStatuses: Set<Int>

    public init(
        maxAttempts: Int = RetryBudget.defaultMaxAttempts, deadline: Duration = RetryBudget.defaultDeadline, backoff: RetryBackoff = RetryBackoff(),
        retryableStatuses: Set<Int> = RetryPolicy.defaultRetryableStatuses
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.deadline = deadline
        self.backoff = backoff
        self.retryableStatuses = retryableStatuses
    }

    /// 408, 429 and every 5xx.
    public static let defaultRetryableStatuses: Set<Int> = Set([408, 429]).union(500...599)

    /// Whether `response` to an idempotent request should be retried. A 429 that means an
    /// exhausted quota or daily limit, or any error carrying `x-should-retry: false`, is final;
    /// `x-should-retry: true` makes any error status retryable.
    public func shouldRetry(_ response: HTTPResponse) -> Bool {
        guard response.status >= 400 else { return false }
        switch response.headers["x-should-retry"]?.lowercased() {
        case "false": return false
        case "true": return true
        default: break
        }
        guard retryableStatuses.contains(response.status) else { return false }
        return response.status != 429 || !Self.isQuotaExhausted(response.body)
    }

    /// Whether `failure` may be retried: any transient transport failure for an idempotent request, only
    /// failures before anything was sent (DNS, connection refused) for other requests.
    public func shouldRetry(_ error: FineTuningError, isIdempotent: Bool) -> Bool {
        guard let failure = error.transportFailure else { return false }
        if isIdempotent { return failure.mayBeTransient }
        return failure.requestWasNotSent
    }

    /// True when an error body names one of `HTTPErrorMapping.nonRetryableQuotaCodes` in any
    /// `code`, `type`, `status` or `reason` field (OpenAI and Google error shapes alike).
    static func isQuotaExhausted(_ body: Data) -> Bool {
        guard let json = try? JSONValue(parsing: body) else { return false }
        return !errorCodes(in: json).isDisjoint(with: HTTPErrorMapping.nonRetryableQuotaCodes)
    }

    private static func errorCodes(in value: JSONValue) -> Set<String> {
        switch value {
        case .object(let members):
            var codes = Set<String>()
            for (key, member) in members {
                if ["code", "type", "status", "reason"].contains(key), let code = member.stringValue { codes.insert(code) }
                codes.formUnion(errorCodes(in: member))
            }
            return codes
        case .array(let values):
            return values.reduce(into: Set<String>()) { $0.formUnion(errorCodes(in: $1)) }
        default:
            return []
        }
    }
}
