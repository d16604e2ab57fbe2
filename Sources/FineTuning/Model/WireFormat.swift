public import Foundation

/// The normalized model's one JSON encoding, shared by `--json` output, the plugin ABI, the
/// gateway and the local job store. Every document is an object carrying `format_version`.
public enum WireFormat {
    /// Bumped when a field changes meaning or is removed; adding a field keeps the version.
    public static let version = 1

    /// An encoder with the wire settings: ISO 8601 dates, sorted keys.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(WireFormat.timestamp(date))
        }
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A decoder with the wire settings.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = WireFormat.date(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 date: \(text)"))
            }
            return date
        }
        return decoder
    }

    /// Encodes `value` under `key` in a versioned document: `{"format_version":1,"<key>":...}`.
    public static func document<Value: Encodable>(_ key: String, _ value: Value, pretty: Bool = false) throws -> Data {
        try encoder(pretty: pretty).encode(EncodedDocument(key: key, value: value))
    }

    /// Decodes the value under `key` of a versioned document, refusing a newer format version.
    public static func value<Value: Decodable>(_ type: Value.Type, at key: String, in data: Data) throws -> Value {
        let decoder = decoder()
        decoder.userInfo[documentKey] = key
        return try decoder.decode(DecodedDocument<Value>.self, from: data).value
    }

    /// RFC 3339 with milliseconds in UTC.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    /// Parses RFC 3339 with or without fractional seconds (any number of digits).
    public static func date(_ text: String) -> Date? {
        RFC3339.parse(text)
    }
}

private let documentKey = CodingUserInfoKey(rawValue: "wire.document.key")!

private struct DocumentKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ stringValue: String) { self.stringValue = stringValue }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct EncodedDocument<Value: Encodable>: Encodable {
    let key: String
    let value: Value

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DocumentKey.self)
        try container.encode(WireFormat.version, forKey: DocumentKey("format_version"))
        try container.encode(value, forKey: DocumentKey(key))
    }
}

private struct DecodedDocument<Value: Decodable>: Decodable {
    let value: Value

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DocumentKey.self)
        let version = try container.decode(Int.self, forKey: DocumentKey("format_version"))
        guard version <= WireFormat.version else {
            throw FineTuningError(.invalidRequest, "wire format version \(version) is newer than this build understands (\(WireFormat.version))")
        }
        let key = decoder.userInfo[documentKey] as? String ?? "data"
        value = try container.decode(Value.self, forKey: DocumentKey(key))
    }
}
