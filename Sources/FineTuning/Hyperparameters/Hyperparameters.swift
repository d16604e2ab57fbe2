/// The normalized hyperparameters. A nil value means "provider default" (OpenAI's `"auto"`).
/// `providerSpecific` passes native parameters through unchanged, by their native names.
public struct Hyperparameters: Sendable, Hashable, Codable {
    public var epochs: Int?
    /// A multiplier of the provider's own base learning rate (OpenAI, Gemini).
    public var learningRateMultiplier: Double?
    /// An absolute learning rate (open models, llama.cpp).
    public var learningRate: Double?
    public var batchSize: Int?
    public var adapterSize: AdapterSize?
    /// The fraction of training spent warming up the learning rate.
    public var warmupRatio: Double?
    public var weightDecay: Double?
    public var seed: Int?
    /// DPO's beta: how strongly the tuned model is held near the base model (preference tuning only).
    public var beta: Double?
    /// Native parameters passed to the provider as they are, keyed by the provider's own name.
    public var providerSpecific: [String: JSONValue]

    public init(
        epochs: Int? = nil, learningRateMultiplier: Double? = nil, learningRate: Double? = nil,
        batchSize: Int? = nil, adapterSize: AdapterSize? = nil, warmupRatio: Double? = nil,
        weightDecay: Double? = nil, seed: Int? = nil, beta: Double? = nil, providerSpecific: [String: JSONValue] = [:]
    ) {
        self.epochs = epochs
        self.learningRateMultiplier = learningRateMultiplier
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.adapterSize = adapterSize
        self.warmupRatio = warmupRatio
        self.weightDecay = weightDecay
        self.seed = seed
        self.beta = beta
        self.providerSpecific = providerSpecific
    }

    /// The value set for `name`, as JSON, or nil when it is left to the provider.
    public func value(of name: HyperparameterName) -> JSONValue? {
        switch name {
        case .epochs: epochs.map { .integer(Int64($0)) }
        case .learningRateMultiplier: learningRateMultiplier.map(JSONValue.number)
        case .learningRate: learningRate.map(JSONValue.number)
        case .batchSize: batchSize.map { .integer(Int64($0)) }
        case .adapterSize: adapterSize.map { .integer(Int64($0.rank)) }
        case .warmupRatio: warmupRatio.map(JSONValue.number)
        case .weightDecay: weightDecay.map(JSONValue.number)
        case .seed: seed.map { .integer(Int64($0)) }
        case .beta: beta.map(JSONValue.number)
        }
    }

    /// Clears the value of `name` (used when a lenient translation drops it).
    public mutating func clear(_ name: HyperparameterName) {
        switch name {
        case .epochs: epochs = nil
        case .learningRateMultiplier: learningRateMultiplier = nil
        case .learningRate: learningRate = nil
        case .batchSize: batchSize = nil
        case .adapterSize: adapterSize = nil
        case .warmupRatio: warmupRatio = nil
        case .weightDecay: weightDecay = nil
        case .seed: seed = nil
        case .beta: beta = nil
        }
    }

    /// True when nothing is set.
    public var isEmpty: Bool {
        HyperparameterName.allCases.allSatisfy { value(of: $0) == nil } && providerSpecific.isEmpty
    }

    enum CodingKeys: String, CodingKey {
        case epochs, learningRateMultiplier = "learning_rate_multiplier", learningRate = "learning_rate"
        case batchSize = "batch_size", adapterSize = "adapter_size", warmupRatio = "warmup_ratio"
        case weightDecay = "weight_decay", seed, beta, providerSpecific = "provider_specific"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        epochs = try container.decodeIfPresent(Int.self, forKey: .epochs)
        learningRateMultiplier = try container.decodeIfPresent(Double.self, forKey: .learningRateMultiplier)
        learningRate = try container.decodeIfPresent(Double.self, forKey: .learningRate)
        batchSize = try container.decodeIfPresent(Int.self, forKey: .batchSize)
        adapterSize = try container.decodeIfPresent(AdapterSize.self, forKey: .adapterSize)
        warmupRatio = try container.decodeIfPresent(Double.self, forKey: .warmupRatio)
        weightDecay = try container.decodeIfPresent(Double.self, forKey: .weightDecay)
        seed = try container.decodeIfPresent(Int.self, forKey: .seed)
        beta = try container.decodeIfPresent(Double.self, forKey: .beta)
        providerSpecific = try container.decodeIfPresent([String: JSONValue].self, forKey: .providerSpecific) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(epochs, forKey: .epochs)
        try container.encodeIfPresent(learningRateMultiplier, forKey: .learningRateMultiplier)
        try container.encodeIfPresent(learningRate, forKey: .learningRate)
        try container.encodeIfPresent(batchSize, forKey: .batchSize)
        try container.encodeIfPresent(adapterSize, forKey: .adapterSize)
        try container.encodeIfPresent(warmupRatio, forKey: .warmupRatio)
        try container.encodeIfPresent(weightDecay, forKey: .weightDecay)
        try container.encodeIfPresent(seed, forKey: .seed)
        try container.encodeIfPresent(beta, forKey: .beta)
        if !providerSpecific.isEmpty { try container.encode(providerSpecific, forKey: .providerSpecific) }
    }
}

/// The normalized hyperparameter names; `rawValue` is the wire and CLI spelling.
public enum HyperparameterName: String, Sendable, Hashable, CaseIterable, Codable {
    case epochs
    case learningRateMultiplier = "learning_rate_multiplier"
    case learningRate = "learning_rate"
    case batchSize = "batch_size"
    case adapterSize = "adapter_size"
    case warmupRatio = "warmup_ratio"
    case weightDecay = "weight_decay"
    case seed
    case beta
}
