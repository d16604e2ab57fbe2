/// What a split wrote.
public struct DatasetSplitSummary: Sendable, Codable, Hashable {
    public var trainOutput: String
    public var validationOutput: String
    public var seed: UInt64
    public var trainCount = 0
    public var validationCount = 0
    public var duplicatesRemoved = 0
    public var skippedInvalid = 0

    enum CodingKeys: String, CodingKey {
        case trainOutput = "train_output", validationOutput = "validation_output", seed, trainCount = "train_count"
        case validationCount = "validation_count", duplicatesRemoved = "duplicates_removed", skippedInvalid = "skipped_invalid"
    }
}
