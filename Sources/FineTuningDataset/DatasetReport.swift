/// The result of validating a data file: how many examples it holds and every problem found, the first
/// `maxProblems` kept in full and the rest counted.
public struct DatasetReport: Sendable, Codable {
    public var path: String
    public var format: DatasetFormat
    public var exampleCount: Int
    public var problems: [DatasetProblem]
    /// Problems found beyond the cap and not listed.
    public var omittedProblemCount: Int

    public var isValid: Bool { problems.isEmpty && omittedProblemCount == 0 }

    public init(path: String, format: DatasetFormat, exampleCount: Int, problems: [DatasetProblem], omittedProblemCount: Int) {
        self.path = path
        self.format = format
        self.exampleCount = exampleCount
        self.problems = problems
        self.omittedProblemCount = omittedProblemCount
    }

    enum CodingKeys: String, CodingKey {
        case path, format, exampleCount = "example_count", problems, omittedProblemCount = "omitted_problem_count", isValid = "is_valid"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        format = try container.decode(DatasetFormat.self, forKey: .format)
        exampleCount = try container.decode(Int.self, forKey: .exampleCount)
        problems = try container.decode([DatasetProblem].self, forKey: .problems)
        omittedProblemCount = try container.decode(Int.self, forKey: .omittedProblemCount)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(format, forKey: .format)
        try container.encode(exampleCount, forKey: .exampleCount)
        try container.encode(problems, forKey: .problems)
        try container.encode(omittedProblemCount, forKey: .omittedProblemCount)
        try container.encode(isValid, forKey: .isValid)
    }
}
