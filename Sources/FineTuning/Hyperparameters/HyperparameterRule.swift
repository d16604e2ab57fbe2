/// One row of the translation table: how one normalized parameter is spelled, converted and
/// bounded by one provider, or why that provider does not have it. Plain data, so plugins ship
/// their rows as JSON in the same form.
public struct HyperparameterRule: Sendable, Hashable, Codable {
    public var parameter: HyperparameterName
    /// The provider's name for the parameter; nil when the provider does not support it.
    public var nativeName: String?
    public var encoding: Encoding
    /// The native value is the normalized value times this factor (a unit conversion).
    public var scale: Double?
    public var minimum: Double?
    public var maximum: Double?
    /// True when the minimum itself is not allowed (`> 0`).
    public var minimumExclusive: Bool
    /// The only values allowed, when the parameter takes a fixed set (adapter ranks). Nil with an
    /// `enumeration` encoding, whose values are the allowed ones.
    public var allowedValues: [Double]?
    /// What the provider uses when the value is left unset, as documentation.
    public var defaultValue: String?
    /// A note for the printed table, or the reason the parameter is unsupported.
    public var note: String?

    /// A supported parameter.
    public static func native(
        _ parameter: HyperparameterName, _ nativeName: String, _ encoding: Encoding, scale: Double? = nil,
        minimum: Double? = nil, maximum: Double? = nil, minimumExclusive: Bool = false,
        allowedValues: [Double]? = nil, defaultValue: String? = nil, note: String? = nil
    ) -> HyperparameterRule {
        HyperparameterRule(
            parameter: parameter, nativeName: nativeName, encoding: encoding, scale: scale, minimum: minimum,
            maximum: maximum, minimumExclusive: minimumExclusive, allowedValues: allowedValues,
            defaultValue: defaultValue, note: note)
    }

    /// A parameter the provider does not have, with the reason (and the alternative, if any).
    public static func unsupported(_ parameter: HyperparameterName, _ reason: String) -> HyperparameterRule {
        HyperparameterRule(
            parameter: parameter, nativeName: nil, encoding: .number, scale: nil, minimum: nil, maximum: nil,
            minimumExclusive: false, allowedValues: nil, defaultValue: nil, note: reason)
    }

    public var isSupported: Bool { nativeName != nil }

    /// The only values allowed, when the parameter takes a fixed set: the enumeration's values or `allowedValues`.
    public var fixedValues: [Double]? { encoding.enumeratedValues ?? allowedValues }

    /// The allowed values in words: `1...50`, `> 0`, `one of 1, 2, 4`.
    public var allowedDescription: String {
        if let fixedValues { return "one of " + fixedValues.map(Self.format).joined(separator: ", ") }
        switch (minimum, maximum) {
        case let (minimum?, maximum?): return minimumExclusive ? "> \(Self.format(minimum)) and <= \(Self.format(maximum))" : "\(Self.format(minimum))...\(Self.format(maximum))"
        case let (minimum?, nil): return minimumExclusive ? "> \(Self.format(minimum))" : ">= \(Self.format(minimum))"
        case let (nil, maximum?): return "<= \(Self.format(maximum))"
        case (nil, nil): return "any"
        }
    }

    /// True when `value` is within the allowed range or set.
    public func allows(_ value: Double) -> Bool {
        if let fixedValues { return fixedValues.contains(value) }
        if let minimum, minimumExclusive ? value <= minimum : value < minimum { return false }
        if let maximum, value > maximum { return false }
        return true
    }

    /// A number as tables and messages show it: whole numbers without a fraction.
    public static func format(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e12 { return String(Int64(value)) }
        return "\(value)"
    }

    enum CodingKeys: String, CodingKey {
        case parameter, nativeName = "native_name", encoding, scale, minimum, maximum
        case minimumExclusive = "minimum_exclusive", allowedValues = "allowed_values"
        case defaultValue = "default", note
    }

    public init(
        parameter: HyperparameterName, nativeName: String?, encoding: Encoding, scale: Double?, minimum: Double?,
        maximum: Double?, minimumExclusive: Bool, allowedValues: [Double]?, defaultValue: String?, note: String?
    ) {
        self.parameter = parameter
        self.nativeName = nativeName
        self.encoding = encoding
        self.scale = scale
        self.minimum = minimum
        self.maximum = maximum
        self.minimumExclusive = minimumExclusive
        self.allowedValues = allowedValues
        self.defaultValue = defaultValue
        self.note = note
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parameter = try container.decode(HyperparameterName.self, forKey: .parameter)
        nativeName = try container.decodeIfPresent(String.self, forKey: .nativeName)
        do {
            encoding = try container.decodeIfPresent(Encoding.self, forKey: .encoding) ?? .number
        } catch DecodingError.dataCorrupted(let context) {
            throw FineTuningError(
                .invalidRequest, "hyperparameter rule '\(parameter.rawValue)': \(context.debugDescription)", parameter: parameter.rawValue)
        }
        scale = try container.decodeIfPresent(Double.self, forKey: .scale)
        minimum = try container.decodeIfPresent(Double.self, forKey: .minimum)
        maximum = try container.decodeIfPresent(Double.self, forKey: .maximum)
        minimumExclusive = try container.decodeIfPresent(Bool.self, forKey: .minimumExclusive) ?? false
        allowedValues = try container.decodeIfPresent([Double].self, forKey: .allowedValues)
        if allowedValues != nil, encoding.enumeratedValues != nil {
            throw FineTuningError(
                .invalidRequest,
                "hyperparameter rule '\(parameter.rawValue)': give allowed_values or an enumeration encoding, not both (the enumeration's values are the allowed ones)",
                parameter: parameter.rawValue)
        }
        defaultValue = try container.decodeIfPresent(String.self, forKey: .defaultValue)
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }
}
