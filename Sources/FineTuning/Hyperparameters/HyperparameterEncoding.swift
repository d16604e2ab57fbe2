extension HyperparameterRule {
    /// How the value is written in the provider's request.
    ///
    /// Wire form: `"integer"`, `"number"`, `"number_string"`, or
    /// `{"enumeration": [{"value": 4, "native": "ADAPTER_SIZE_FOUR"}, ...]}` (plugin ABI 1.2).
    public enum Encoding: Sendable, Hashable, Codable {
        /// A JSON integer.
        case integer
        /// A JSON number.
        case number
        /// A number written as a JSON string (Bedrock takes every hyperparameter as a string).
        case numberString
        /// One of a fixed set of values, each sent as the provider's name for it (`[4: "ADAPTER_SIZE_FOUR"]`).
        /// The map's keys are the only values allowed; any other is refused before a request is sent.
        case enumeration([Double: String])

        /// The names of the encodings written as a plain string.
        static let plainNames: [String: Encoding] = ["integer": .integer, "number": .number, "number_string": .numberString]

        /// The enumeration's values in ascending order; nil for the other encodings.
        public var enumeratedValues: [Double]? {
            guard case .enumeration(let names) = self else { return nil }
            return names.keys.sorted()
        }

        /// One `value -> native name` pair of an enumeration, as it travels.
        struct EnumeratedValue: Codable {
            var value: Double
            var native: String
        }

        enum CodingKeys: String, CodingKey {
            case enumeration
        }

        public init(from decoder: any Decoder) throws {
            if let name = try? decoder.singleValueContainer().decode(String.self) {
                guard let encoding = Self.plainNames[name] else { throw Self.unknown(name, at: decoder.codingPath) }
                self = encoding
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let pairs = try container.decode([EnumeratedValue].self, forKey: .enumeration)
            let path = decoder.codingPath
            guard !pairs.isEmpty else { throw Self.invalid("an enumeration lists no values", at: path) }
            var names: [Double: String] = [:]
            for pair in pairs {
                guard !pair.native.isEmpty else {
                    throw Self.invalid("the enumeration's native name of \(HyperparameterRule.format(pair.value)) is empty", at: path)
                }
                guard names.updateValue(pair.native, forKey: pair.value) == nil else {
                    throw Self.invalid("the enumeration lists the value \(HyperparameterRule.format(pair.value)) twice", at: path)
                }
            }
            self = .enumeration(names)
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .enumeration(let names):
                var container = encoder.container(keyedBy: CodingKeys.self)
                let pairs = names.sorted { $0.key < $1.key }.map { EnumeratedValue(value: $0.key, native: $0.value) }
                try container.encode(pairs, forKey: .enumeration)
            default:
                var container = encoder.singleValueContainer()
                try container.encode(Self.plainNames.first { $0.value == self }!.key)
            }
        }

        private static func unknown(_ name: String, at path: [any CodingKey]) -> DecodingError {
            let known = plainNames.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            return invalid(
                "encoding \"\(name)\" is not one of \(known) or {\"enumeration\": [...]} (a plugin built for a newer plugin ABI?)", at: path)
        }

        private static func invalid(_ message: String, at path: [any CodingKey]) -> DecodingError {
            .dataCorrupted(DecodingError.Context(codingPath: path, debugDescription: message))
        }
    }
}
