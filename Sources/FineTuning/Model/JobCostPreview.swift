/// What a provider says a job will cost before it is started (Mistral's job `metadata`): only a
/// provider that can create a job without starting it (capability `deferred_start`) fills it.
public struct JobCostPreview: Sendable, Hashable, Codable {
    /// The price of the whole job, in `currency`.
    public var cost: Double?
    /// ISO 4217 code (`EUR`, `USD`).
    public var currency: String?
    /// Tokens the provider counted in the training data (one pass).
    public var dataTokens: Int64?
    /// Tokens the job will train on: data tokens times the passes over them.
    public var trainTokens: Int64?
    /// How long the provider expects training to take.
    public var expectedDurationSeconds: Int64?

    public init(cost: Double? = nil, currency: String? = nil, dataTokens: Int64? = nil, trainTokens: Int64? = nil, expectedDurationSeconds: Int64? = nil) {
        self.cost = cost
        self.currency = currency
        self.dataTokens = dataTokens
        self.trainTokens = trainTokens
        self.expectedDurationSeconds = expectedDurationSeconds
    }

    /// True when the provider has priced the job (it may do so only after validating the data).
    public var isPriced: Bool { cost != nil }

    enum CodingKeys: String, CodingKey {
        case cost, currency, dataTokens = "data_tokens", trainTokens = "train_tokens", expectedDurationSeconds = "expected_duration_seconds"
    }
}
