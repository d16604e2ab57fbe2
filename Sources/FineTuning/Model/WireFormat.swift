import Foundation

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
        try encoder(pretty: pretty).encode(Document(key: key, value: value))
    }

    /// Decodes the value under `key` of a versioned document, refusing a newer format version.
    public static func value<Value: Decodable>(_ type: Value.Type, at key: String, in data: Data) throws -> Value {
        let decoder = decoder()
        decoder.userInfo[Document<Value>.keyInfo] = key
        let document = try decoder.decode(Document<Value>.self, from: data)
        return document.value
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

private struct Document<Value>: Codable where Value: Codable {
    static var keyInfo: CodingUserInfoKey { CodingUserInfoKey(rawValue: "wire.document.key")! }
    let key: String
    let value: Value

    init(key: String, value: Value) {
        self.key = key
        self.value = value
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        let version = try container.decode(Int.self, forKey: Key(stringValue: "format_version"))
        guard version <= WireFormat.version else {
            throw FineTuningError(.invalidRequest, "wire format version \(version) is newer than this build understands (\(WireFormat.version))")
        }
        key = decoder.userInfo[Self.keyInfo] as? String ?? "data"
        value = try container.decode(Value.self, forKey: Key(stringValue: key))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(WireFormat.version, forKey: Key(stringValue: "format_version"))
        try container.encode(value, forKey: Key(stringValue: key))
    }
}
