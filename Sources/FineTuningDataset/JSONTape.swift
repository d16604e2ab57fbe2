import FineTuningBase
import Foundation

/// One JSON line parsed into a flat array of tokens that point into the line's bytes. Nothing is decoded
/// until asked for: a string token knows its byte range, its character count and whether it holds any
/// visible text, so validation and statistics never build a `String`. The tape is reused from line to line
/// and is valid only while the line's bytes are.
final class JSONTape {
    struct Token {
        enum Kind: UInt8 { case object, array, string, number, bool, null }
        var kind: Kind
        /// Strings: `escaped`, `visible`. Booleans: `isTrue`.
        var flags: UInt8
        /// Strings: the byte after the opening quote. Others: the first byte.
        var start: Int32
        /// Strings: the closing quote. Others: one past the last byte.
        var end: Int32
        /// Strings: Unicode scalars (an escape counts once). Containers: elements (object members, not keys).
        var count: Int32
        /// The index of the token after this value and everything inside it.
        var next: Int32

        static let escaped: UInt8 = 1
        static let visible: UInt8 = 2
        static let isTrue: UInt8 = 1
    }

    // Read for every field of every line: skip the runtime exclusivity checks (the tape is never shared
    // between threads, and nothing mutates it while a decoder reads it).
    @exclusivity(unchecked) private(set) var tokens: [Token] = []
    @exclusivity(unchecked) private(set) var bytes = UnsafeBufferPointer<UInt8>(start: nil, count: 0)

    init() { tokens.reserveCapacity(256) }

    /// Parses `line` into the tape, replacing what was there. The root value is token 0.
    func parse(_ line: UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) {
        bytes = line
        tokens.removeAll(keepingCapacity: true)
        guard !line.isEmpty else { throw JSONSyntaxError(column: 1, reason: "empty line") }
        var parser = JSONTapeParser(bytes: line, tokens: tokens)
        tokens = []  // hand the storage to the parser without a copy
        defer { tokens = parser.tokens }
        try parser.parseDocument()
    }

    subscript(index: Int) -> Token { tokens[index] }

    // MARK: Navigation

    /// The value of member `key` of the object at `index`, or nil.
    func member(_ key: StaticString, of index: Int) -> Int? {
        guard tokens[index].kind == .object else { return nil }
        var child = index + 1
        for _ in 0..<tokens[index].count {
            let value = child + 1
            if keyEquals(child, key) { return value }
            child = Int(tokens[value].next)
        }
        return nil
    }

    /// The index of each element of the array at `index` (each value of an object).
    func elements(of index: Int) -> [Int] {
        var result: [Int] = []
        forEachElement(of: index) { result.append($0) }
        return result
    }

    /// Calls `body` with each element of the array at `index`.
    func forEachElement(of index: Int, _ body: (Int) throws -> Void) rethrows {
        let token = tokens[index]
        var child = index + 1
        for _ in 0..<token.count {
            if token.kind == .object { child += 1 }
            try body(child)
            child = Int(tokens[child].next)
        }
    }

    /// Calls `body` with each key and value index of the object at `index`.
    func forEachMember(of index: Int, _ body: (_ key: Int, _ value: Int) throws -> Void) rethrows {
        var child = index + 1
        for _ in 0..<tokens[index].count {
            try body(child, child + 1)
            child = Int(tokens[child + 1].next)
        }
    }

    private func keyEquals(_ index: Int, _ key: StaticString) -> Bool {
        let token = tokens[index]
        if token.flags & Token.escaped != 0 { return string(at: index) == key.description }
        let length = Int(token.end - token.start)
        guard length == key.utf8CodeUnitCount else { return false }
        return memcmp(bytes.baseAddress! + Int(token.start), key.utf8Start, length) == 0
    }

    // MARK: Values

    /// Whether the string at `index` equals `literal` (compared on the raw bytes when unescaped).
    func stringEquals(_ index: Int, _ literal: StaticString) -> Bool {
        tokens[index].kind == .string && keyEquals(index, literal)
    }

    /// The decoded text of the string at `index`.
    func string(at index: Int) -> String {
        let token = tokens[index]
        let raw = UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)])
        if token.flags & Token.escaped == 0 { return String(decoding: raw, as: UTF8.self) }
        return JSONStringUnescaper.unescape(raw)
    }

    /// The number at `index` as a Double.
    func double(at index: Int) -> Double? {
        let token = tokens[index]
        guard token.kind == .number else { return nil }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), as: UTF8.self))
    }

    /// A short name of the JSON type at `index`, for messages.
    func typeName(at index: Int) -> String {
        switch tokens[index].kind {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }

    /// The value at `index` as a `JSONValue` (for pass-through fields such as `tools`).
    func value(at index: Int) -> JSONValue {
        let token = tokens[index]
        switch token.kind {
        case .null: return .null
        case .bool: return .bool(token.flags & Token.isTrue != 0)
        case .string: return .string(string(at: index))
        case .number:
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), as: UTF8.self)
            if let integer = Int64(text) { return .integer(integer) }
            return .number(Double(text) ?? 0)
        case .array:
            return .array(elements(of: index).map { value(at: $0) })
        case .object:
            var members: [String: JSONValue] = [:]
            forEachMember(of: index) { key, value in members[string(at: key)] = self.value(at: value) }
            return .object(members)
        }
    }
}
