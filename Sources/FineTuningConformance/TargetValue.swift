import FineTuning
import Foundation

/// A scenario value written either literally or as a reference to a key of the provider's
/// `target.json`: `"$jobs.succeeded"` names the member `succeeded` of the object `jobs`.
public enum TargetValue<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    case literal(Value)
    /// A dotted key path into `target.json`, without the leading `$`.
    case reference(String)

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self), text.hasPrefix("$") {
            self = .reference(String(text.dropFirst()))
        } else {
            self = .literal(try container.decode(Value.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .literal(let value): try container.encode(value)
        case .reference(let path): try container.encode("$" + path)
        }
    }
}
