/// The size of a LoRA adapter: a preset or an explicit rank (1, 2, 4, 8, 16 or 32).
/// Presets are ranks too: small = 4, medium = 8, large = 16.
public enum AdapterSize: Sendable, Hashable, Codable, CustomStringConvertible {
    case small
    case medium
    case large
    case rank(Int)

    /// The ranks any provider in the table may accept.
    public static let ranks = [1, 2, 4, 8, 16, 32]

    /// Vertex's enum spelling of each rank.
    static let vertexNames: [Int: String] = [
        1: "ADAPTER_SIZE_ONE", 2: "ADAPTER_SIZE_TWO", 4: "ADAPTER_SIZE_FOUR",
        8: "ADAPTER_SIZE_EIGHT", 16: "ADAPTER_SIZE_SIXTEEN", 32: "ADAPTER_SIZE_THIRTY_TWO",
    ]

    public var rank: Int {
        switch self {
        case .small: 4
        case .medium: 8
        case .large: 16
        case .rank(let rank): rank
        }
    }

    /// Vertex's `adapterSize` string for this size (nil for a rank Vertex does not have).
    public var vertexName: String? { AdapterSize.vertexNames[rank] }

    /// Parses `small`/`medium`/`large`, a rank (`4`), or Vertex's `ADAPTER_SIZE_FOUR`.
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        switch lowered {
        case "small": self = .small
        case "medium": self = .medium
        case "large": self = .large
        default:
            if let rank = Int(lowered) {
                self = .rank(rank)
            } else if let rank = AdapterSize.vertexNames.first(where: { $0.value == text.uppercased() })?.key {
                self = .rank(rank)
            } else {
                return nil
            }
        }
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
