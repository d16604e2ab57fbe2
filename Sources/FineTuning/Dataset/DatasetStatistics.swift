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

/// Reads a data file once and computes its `DatasetStatistics`. Memory grows by a few bytes per example
/// (the per-example counts needed for medians and percentiles), never with the text.
public enum DatasetStatisticsCollector {
    public static func collect(path: String, format: DatasetFormat? = nil) throws -> DatasetStatistics {
        let source = try ExampleSource(path: path, format: format)
        var exampleTokens: [Int32] = []
        var roleTokens: [TrainingExample.Role: [Int32]] = [:]
        var invalid = 0
        var characters = 0
        var tokens = 0
        var perRole: [TrainingExample.Role: Int] = [:]
        try source.forEach { event in
            guard case .example(let record) = event else {
                invalid += 1
                return
            }
            perRole.removeAll(keepingCapacity: true)
            var exampleTotal = 0
            for turn in record.outline.turns {
                let estimate = TokenEstimate.tokens(forCharacters: turn.characters)
                characters += turn.characters
                exampleTotal += estimate
                perRole[turn.role, default: 0] += estimate
            }
            tokens += exampleTotal
            exampleTokens.append(Int32(clamping: exampleTotal))
            for (role, count) in perRole { roleTokens[role, default: []].append(Int32(clamping: count)) }
        }
        return DatasetStatistics(
            path: path, format: source.format, exampleCount: exampleTokens.count, invalidRecordCount: invalid,
            totalCharacters: characters, estimatedTokens: tokens, tokenEstimateMethod: TokenEstimate.method,
            exampleTokens: TokenDistribution(exampleTokens),
            roleTokens: Dictionary(uniqueKeysWithValues: roleTokens.compactMap { role, values in
                TokenDistribution(values).map { (role.rawValue, $0) }
            }))
    }
}
