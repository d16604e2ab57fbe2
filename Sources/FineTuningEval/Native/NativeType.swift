/// A C type a native metric's declaration may use.
public enum NativeType: String, Sendable, Hashable, CaseIterable {
    case string = "const char *"
    case int32 = "int32_t"
    case int64 = "int64_t"
    case size = "size_t"
    case float
    case double
    case bool

    /// The spellings accepted, written without spaces around `*`.
    static let spellings: [String: NativeType] = [
        "constchar*": .string, "charconst*": .string,
        "int32_t": .int32, "int64_t": .int64, "size_t": .size, "float": .float, "double": .double, "bool": .bool,
    ]

    /// Whether the type can be a metric's result (a number or a truth value).
    var isNumeric: Bool { self != .string }
}

/// A constant bound to an extra argument of a native metric (`int32_t n = 4`).
public enum NativeConstant: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case unsigned(UInt64)
    case real(Double)
    case bool(Bool)
}
