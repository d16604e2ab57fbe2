/// The rules a provider puts on training data, checked locally before anything is uploaded.
public struct DatasetRequirements: Sendable, Hashable, Codable {
    /// The format the provider consumes; other formats must be converted first.
    public var format: DatasetFormat
    public var minExamples: Int
    public var maxExamples: Int?
    /// The largest example, in characters of text (a stand-in for the provider's token limit).
    public var maxExampleCharacters: Int?
    /// The largest file the provider accepts, in bytes.
    public var maxFileBytes: Int64?
    /// Whether a system prompt is allowed.
    public var allowsSystemPrompt: Bool

    public init(
        format: DatasetFormat, minExamples: Int = 1, maxExamples: Int? = nil, maxExampleCharacters: Int? = nil,
        maxFileBytes: Int64? = nil, allowsSystemPrompt: Bool = true
    ) {
        self.format = format
        self.minExamples = minExamples
        self.maxExamples = maxExamples
        self.maxExampleCharacters = maxExampleCharacters
        self.maxFileBytes = maxFileBytes
        self.allowsSystemPrompt = allowsSystemPrompt
    }

    enum CodingKeys: String, CodingKey {
        case format, minExamples = "min_examples", maxExamples = "max_examples"
        case maxExampleCharacters = "max_example_characters", maxFileBytes = "max_file_bytes"
        case allowsSystemPrompt = "allows_system_prompt"
    }
}
