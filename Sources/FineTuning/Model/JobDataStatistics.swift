/// The training data as the provider counted it (Vertex's `tuningDataStats`): examples, tokens,
/// billable tokens and epochs the counts are based on. Every field is optional.
public struct JobDataStatistics: Sendable, Hashable, Codable {
    public var exampleCount: Int64?
    public var tokenCount: Int64?
    public var billableTokenCount: Int64?
    public var characterCount: Int64?

    public init(exampleCount: Int64? = nil, tokenCount: Int64? = nil, billableTokenCount: Int64? = nil, characterCount: Int64? = nil) {
        self.exampleCount = exampleCount
        self.tokenCount = tokenCount
        self.billableTokenCount = billableTokenCount
        self.characterCount = characterCount
    }

    enum CodingKeys: String, CodingKey {
        case exampleCount = "example_count", tokenCount = "token_count"
        case billableTokenCount = "billable_token_count", characterCount = "character_count"
    }
}
