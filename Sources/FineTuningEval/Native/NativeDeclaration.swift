import FineTuning
import Foundation

/// A native metric as the user declares it on the command line:
/// `PATH.so:SYMBOL(const char *prediction, const char *reference, int32_t n = 4) -> double`.
///
/// The first two parameters without a constant must be `const char *`: they receive the answer and
/// the reference (in that order). Every other parameter is bound to its constant. The result is a
/// number (`double`, `float`, an integer type or `bool`).
public struct NativeDeclaration: Sendable, Hashable {
    public struct Parameter: Sendable, Hashable {
        public var type: NativeType
        public var name: String?
        /// nil for the two text parameters that receive the answer and the reference.
        public var constant: NativeConstant?
    }

    public var library: String
    public var symbol: String
    public var parameters: [Parameter]
    public var result: NativeType
    /// The declaration as written (used as the metric's name).
    public var text: String

    /// Whether `text` looks like a native declaration rather than a built-in metric name.
    public static func isDeclaration(_ text: String) -> Bool { text.contains("(") || text.contains(":") }

    /// Parses `text`; every mistake is an `invalid_request` error for parameter `metric` that quotes it.
    public init(parsing text: String) throws {
        self.text = text
        func fail(_ problem: String) -> FineTuningError {
            FineTuningError(
                .invalidRequest,
                "--metric '\(text)': \(problem) (expected PATH.so:SYMBOL(const char *prediction, const char *reference[, TYPE NAME = VALUE ...]) -> TYPE, types: \(NativeType.allCases.map(\.rawValue).joined(separator: ", ")))",
                parameter: "metric")
        }
        guard let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else {
            throw fail("no parameter list in parentheses")
        }
        let head = text[..<open]
        guard let colon = head.lastIndex(of: ":") else { throw fail("no ':' between the library path and the symbol") }
        library = String(head[..<colon]).trimmingCharacters(in: .whitespaces)
        symbol = String(head[head.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        guard !library.isEmpty else { throw fail("the library path is empty") }
        guard let first = symbol.first, first == "_" || first.isLetter,
              symbol.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else {
            throw fail("'\(symbol)' is not a C identifier")
        }
        let tail = text[text.index(after: close)...].trimmingCharacters(in: .whitespaces)
        guard tail.hasPrefix("->") else { throw fail("no '-> TYPE' result after the parameter list") }
        let resultText = String(tail.dropFirst(2))
        guard let result = NativeType.spellings[Self.compact(resultText)] else {
            throw fail("unsupported result type '\(resultText.trimmingCharacters(in: .whitespaces))'")
        }
        guard result.isNumeric else { throw fail("the result must be a number or bool, not const char *") }
        self.result = result

        let list = text[text.index(after: open)..<close]
        parameters = []
        var unbound = 0
        for (index, piece) in Self.splitParameters(list).enumerated() {
            let parameter = try Self.parameter(piece, position: index + 1, fail: fail)
            if parameter.constant == nil {
                guard parameter.type == .string else {
                    throw fail("parameter \(index + 1) ('\(piece.trimmingCharacters(in: .whitespaces))') needs a constant (TYPE NAME = VALUE): only the answer and the reference are passed by the tool")
                }
                unbound += 1
                guard unbound <= 2 else {
                    throw fail("parameter \(index + 1) is a third const char * without a constant; bind it with = \"TEXT\"")
                }
            }
            parameters.append(parameter)
        }
        guard unbound == 2 else { throw fail("two const char * parameters without a constant (the answer and the reference) are required, found \(unbound)") }
    }

    /// Commas inside a quoted string constant do not separate parameters.
    private static func splitParameters(_ list: Substring) -> [String] {
        var pieces: [String] = [], current = "", quoted = false, escaped = false
        for character in list {
            if quoted {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
            } else if character == "," {
                pieces.append(current)
                current = ""
            } else {
                if character == "\"" { quoted = true }
                current.append(character)
            }
        }
        if !current.trimmingCharacters(in: .whitespaces).isEmpty || !pieces.isEmpty { pieces.append(current) }
        return pieces
    }

    private static func parameter(_ piece: String, position: Int, fail: (String) -> FineTuningError) throws -> Parameter {
        let parts = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let declaration = parts.first, !declaration.isEmpty else { throw fail("parameter \(position) is empty") }
        var type: NativeType?
        var name: String?
        if let whole = NativeType.spellings[compact(declaration)] {
            type = whole
        } else if let space = declaration.lastIndex(where: { $0 == " " || $0 == "*" }) {
            let typeText = String(declaration[...space]), nameText = String(declaration[declaration.index(after: space)...])
            if let named = NativeType.spellings[compact(typeText)], nameText.allSatisfy({ $0 == "_" || $0.isLetter || $0.isNumber }) {
                type = named
                name = nameText
            }
        }
        guard let type else { throw fail("parameter \(position): unsupported type in '\(declaration)'") }
        guard parts.count == 2 else { return Parameter(type: type, name: name, constant: nil) }
        guard let constant = constant(parts[1], type: type) else {
            throw fail("parameter \(position): '\(parts[1])' is not a \(type.rawValue) constant")
        }
        return Parameter(type: type, name: name, constant: constant)
    }

    private static func constant(_ text: String, type: NativeType) -> NativeConstant? {
        switch type {
        case .string:
            guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return nil }
            var value = "", escaped = false
            for character in text.dropFirst().dropLast() {
                if escaped {
                    value.append(character == "n" ? "\n" : character == "t" ? "\t" : character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else {
                    value.append(character)
                }
            }
            return escaped ? nil : .string(value)
        case .int32: return Int32(text).map { .integer(Int64($0)) }
        case .int64: return Int64(text).map { .integer($0) }
        case .size: return UInt64(text).map { .unsigned($0) }
        case .float, .double: return Double(text).map { .real($0) }
        case .bool:
            switch text {
            case "true", "1": return .bool(true)
            case "false", "0": return .bool(false)
            default: return nil
            }
        }
    }

    /// The type text without spaces, so `const char *`, `const char*` and `const  char *` are one spelling.
    private static func compact(_ text: String) -> String {
        text.filter { !$0.isWhitespace }
    }
}
