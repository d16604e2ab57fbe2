public import FineTuningBase

/// One problem found in a data file, with where it is (`data.jsonl:12: messages[2].content`).
public struct DatasetProblem: Sendable, Codable, Hashable, CustomStringConvertible {
    public var location: DataLocation
    public var message: String

    public init(location: DataLocation, message: String) {
        self.location = location
        self.message = message
    }

    /// One line, `file:line: field: message`, with control characters from the data escaped.
    public var description: String { "\(location): \(message)".escapingControlCharacters() }

    enum CodingKeys: String, CodingKey {
        case location, message
    }
}
