import FineTuning
import Foundation

/// Field readers the OpenAI-style decoders share.
extension JSONValue {
    /// A date from unix seconds (OpenAI-style timestamps); nil for null or a non-number.
    var unixDate: Date? {
        doubleValue.map { Date(timeIntervalSince1970: $0) }
    }

    /// A string that is present and not empty (OpenAI sends `""` and null for "none").
    var nonEmptyString: String? {
        guard let text = stringValue, !text.isEmpty else { return nil }
        return text
    }
}
