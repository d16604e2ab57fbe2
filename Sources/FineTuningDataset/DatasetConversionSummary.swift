/// What a conversion did: examples written and records skipped, with why.
public struct DatasetConversionSummary: Sendable, Codable, Hashable {
    public var input: String
    public var output: String
    public var from: DatasetFormat
    public var to: DatasetFormat
    public var converted = 0
    /// Records that could not be read (bad JSON, wrong types, ...).
    public var skippedInvalid = 0
    /// Examples the target format cannot hold.
    public var skippedUnrepresentable = 0
    public var problems: [DatasetProblem] = []
    public var omittedProblemCount = 0

    public init(input: String, output: String, from: DatasetFormat, to: DatasetFormat) {
        self.input = input
        self.output = output
        self.from = from
        self.to = to
    }

    enum CodingKeys: String, CodingKey {
        case input, output, from, to, converted, skippedInvalid = "skipped_invalid"
        case skippedUnrepresentable = "skipped_unrepresentable", problems, omittedProblemCount = "omitted_problem_count"
    }
}
