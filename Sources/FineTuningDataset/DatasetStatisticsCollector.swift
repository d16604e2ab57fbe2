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
