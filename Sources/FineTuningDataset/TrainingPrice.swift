/// A provider's published price for training (fine-tuning) a model, with where and when it was checked.
public struct TrainingPrice: Sendable, Codable, Hashable {
    public var provider: String
    /// The model name or name prefix (`gpt-4o-mini` also covers `gpt-4o-mini-2024-07-18`).
    public var model: String
    public var usdPerMillionTokens: Double
    /// The date the price was last checked against the source, `YYYY-MM-DD`.
    public var checked: String
    public var source: String

    enum CodingKeys: String, CodingKey {
        case provider, model, usdPerMillionTokens = "usd_per_million_tokens", checked, source
    }
}
