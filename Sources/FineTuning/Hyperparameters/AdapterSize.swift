import Foundation

/// The size of a LoRA adapter: a preset or an explicit rank (1, 2, 4, 8, 16 or 32).
/// Presets are ranks too: small = 4, medium = 8, large = 16.
public enum AdapterSize: Sendable, Hashable, Codable, CustomStringConvertible {
    case small
    case medium
    case large
    case rank(Int)

    /// The ranks any provider in the table may accept.
    public static let ranks = [1, 2, 4, 8, 16, 32]

    /// Each rank written as a word, the way providers' enum names end (Vertex's `ADAPTER_SIZE_FOUR`).
    static let rankWords: [String: Int] = ["ONE": 1, "TWO": 2, "FOUR": 4, "EIGHT": 8, "SIXTEEN": 16, "THIRTY_TWO": 32]

    public var rank: Int {
        switch self {
        case .small: 4
        case .medium: 8
        case .large: 16
        case .rank(let rank): rank
        }
    }

    /// Parses `small`/`medium`/`large`, a rank (`4`), or a rank as a word, alone or ending a
    /// provider's enum name (`four`, `ADAPTER_SIZE_FOUR`).
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        switch lowered {
        case "small": self = .small
        case "medium": self = .medium
        case "large": self = .large
        default:
            if let rank = Int(lowered) {
                self = .rank(rank)
            } else if let rank = AdapterSize.rank(inWords: text.uppercased().replacingOccurrences(of: "-", with: "_")) {
                self = .rank(rank)
            } else {
                return nil
            }
        }
    }

    /// The rank `words` ends with (`THIRTY_TWO`, `ADAPTER_SIZE_THIRTY_TWO`); nil when it ends with none.
    private static func rank(inWords words: String) -> Int? {
        // The longest match first, so `..._THIRTY_TWO` is not read as `TWO`.
        rankWords.sorted { $0.key.count > $1.key.count }
            .first { words == $0.key || words.hasSuffix("_" + $0.key) }?.value
    }

    public var description: String {
        switch self {
        case .small: "small"
        case .medium: "medium"
        case .large: "large"
        case .rank(let rank): String(rank)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let rank = try? container.decode(Int.self) {
            self = .rank(rank)
            return
        }
        let text = try container.decode(String.self)
        guard let size = AdapterSize(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "adapter size '\(text)' is not small, medium, large or a rank")
        }
        self = size
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .rank(let rank): try container.encode(rank)
        default: try container.encode(description)
        }
    }
}
