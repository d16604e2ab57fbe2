/// What a split wrote.
public struct DatasetSplitSummary: Sendable, Codable, Hashable {
    public var trainOutput: String
    public var validationOutput: String
    public var seed: UInt64
    public var trainCount = 0
    public var validationCount = 0
    public var duplicatesRemoved = 0
    /// Records that could not be read, or whose image, file or function parts could not be rewritten.
    public var skippedInvalid = 0

    enum CodingKeys: String, CodingKey {
        case trainOutput = "train_output", validationOutput = "validation_output", seed, trainCount = "train_count"
        case validationCount = "validation_count", duplicatesRemoved = "duplicates_removed", skippedInvalid = "skipped_invalid"
    }
}
