/// What the normalized result of one step must look like. Every field is optional; an absent
/// field is not checked. Without `errorCode` the step must succeed.
public struct StepExpectation: Codable, Sendable, Hashable {
    /// The job's normalized status must be one of these names (`unknown` matches any unknown state).
    public var statusIn: [String]?
    /// The status is `unknown(raw)` with `raw` equal to the job's non-empty provider status.
    public var unknownStatusPreserved: Bool?
    /// Every job returned carries an id qualified with the provider's id.
    public var jobIDQualified: Bool?
    /// The job returned is the one asked for (its native id equals `inputs.job`).
    public var jobIDMatchesInput: Bool?
    /// The job names a tuned model or an endpoint.
    public var tunedModelPresent: Bool?
    /// The job carries the provider's error with a message.
    public var jobErrorPresent: Bool?
    /// The step must throw a `FineTuningError` with this code (`invalid_request`, `not_found`, ...).
    public var errorCode: String?
    /// The thrown error names the parameter at fault.
    public var errorParameterPresent: Bool?
    /// The thrown error's message contains the last response's HTTP status and the start of its body.
    public var errorMentionsResponse: Bool?
    /// A listing took at least this many pages.
    public var minPages: Int?
    /// A listing returned exactly this many items.
    public var itemsTotal: TargetValue<Int>?
    /// At least this many events carry metrics with a step and a training loss.
    public var minEventsWithMetrics: Int?
    /// At least this many checkpoints were listed.
    public var minCheckpoints: Int?

    public init(
        statusIn: [String]? = nil, unknownStatusPreserved: Bool? = nil, jobIDQualified: Bool? = nil,
        jobIDMatchesInput: Bool? = nil, tunedModelPresent: Bool? = nil, jobErrorPresent: Bool? = nil,
        errorCode: String? = nil, errorParameterPresent: Bool? = nil, errorMentionsResponse: Bool? = nil,
        minPages: Int? = nil, itemsTotal: TargetValue<Int>? = nil, minEventsWithMetrics: Int? = nil,
        minCheckpoints: Int? = nil
    ) {
        self.statusIn = statusIn
        self.unknownStatusPreserved = unknownStatusPreserved
        self.jobIDQualified = jobIDQualified
        self.jobIDMatchesInput = jobIDMatchesInput
        self.tunedModelPresent = tunedModelPresent
        self.jobErrorPresent = jobErrorPresent
        self.errorCode = errorCode
        self.errorParameterPresent = errorParameterPresent
        self.errorMentionsResponse = errorMentionsResponse
        self.minPages = minPages
        self.itemsTotal = itemsTotal
        self.minEventsWithMetrics = minEventsWithMetrics
        self.minCheckpoints = minCheckpoints
    }

    enum CodingKeys: String, CodingKey {
        case statusIn = "status_in", unknownStatusPreserved = "unknown_status_preserved"
        case jobIDQualified = "job_id_qualified", jobIDMatchesInput = "job_id_matches_input"
        case tunedModelPresent = "tuned_model_present", jobErrorPresent = "job_error_present"
        case errorCode = "error_code", errorParameterPresent = "error_parameter_present"
        case errorMentionsResponse = "error_mentions_response", minPages = "min_pages", itemsTotal = "items_total"
        case minEventsWithMetrics = "min_events_with_metrics", minCheckpoints = "min_checkpoints"
    }
}
