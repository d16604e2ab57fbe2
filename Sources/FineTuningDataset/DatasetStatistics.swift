/// Size statistics of a data file, after Vertex AI's `tuningDataStats`: example count, characters,
/// estimated tokens (see `TokenEstimate`) and per-example distributions overall and per role.
public struct DatasetStatistics: Sendable, Codable, Hashable {
    public var path: String
    public var format: DatasetFormat
    public var exampleCount: Int
    /// Records skipped because they could not be read (see `finetune validate` for why).
    public var invalidRecordCount: Int
    public var totalCharacters: Int
    public var estimatedTokens: Int
    public var tokenEstimateMethod: String
    /// Estimated tokens per example.
    public var exampleTokens: TokenDistribution?
    /// Estimated tokens per example of each role's turns (`system`, `user`, `assistant`, `tool`), counted
    /// over the examples that have that role.
    public var roleTokens: [String: TokenDistribution]

    enum CodingKeys: String, CodingKey {
        case path, format, exampleCount = "example_count", invalidRecordCount = "invalid_record_count"
        case totalCharacters = "total_characters", estimatedTokens = "estimated_tokens"
        case tokenEstimateMethod = "token_estimate_method", exampleTokens = "example_tokens", roleTokens = "role_tokens"
    }
}
