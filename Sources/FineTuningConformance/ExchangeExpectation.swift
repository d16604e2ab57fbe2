/// What the HTTP exchanges of a whole scenario must look like, beyond the rules checked for every
/// scenario (no request without a recorded answer, no recorded answer left unused).
public struct ExchangeExpectation: Codable, Sendable, Hashable {
    /// Exactly this many requests reached the transport (retries included).
    public var requests: Int?
    /// At least this many requests reached the transport.
    public var minRequests: Int?
    /// The retry layer slept at least this many times.
    public var minRetrySleeps: Int?
    /// Every retry slept exactly the `Retry-After` (or `retry-after-ms`) of the response it retried.
    public var sleepsFollowRetryAfter: Bool?

    public init(requests: Int? = nil, minRequests: Int? = nil, minRetrySleeps: Int? = nil, sleepsFollowRetryAfter: Bool? = nil) {
        self.requests = requests
        self.minRequests = minRequests
        self.minRetrySleeps = minRetrySleeps
        self.sleepsFollowRetryAfter = sleepsFollowRetryAfter
    }

    enum CodingKeys: String, CodingKey {
        case requests, minRequests = "min_requests", minRetrySleeps = "min_retry_sleeps"
        case sleepsFollowRetryAfter = "sleeps_follow_retry_after"
    }
}
