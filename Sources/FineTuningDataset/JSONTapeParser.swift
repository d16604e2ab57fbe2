import Foundation

/// A strict RFC 8259 parser that fills a `JSONTape` in one pass over the bytes, rejecting lone `\u`
/// surrogates. The line's UTF-8 is checked first, in one tight pass (`UTF8Validation`), so string scanning
/// only stops at quotes, backslashes and control bytes and skips everything else eight bytes at a time.
struct JSONTapeParser {
    typealias Token = JSONTape.Token

    static let maxDepth = 512

    let base: UnsafePointer<UInt8>
    let end: Int
    var position = 0
    var depth = 0
    var tokens: [Token]

    /// `bytes` must not be empty.
    init(bytes: UnsafeBufferPointer<UInt8>, tokens: [Token]) {
        self.base = bytes.baseAddress!
        self.end = bytes.count
        self.tokens = tokens
    }

    mutating func parseDocument() throws(JSONSyntaxError) {
        if let failure = UTF8Validation.firstFailure(in: base, count: end) {
            throw JSONSyntaxError(column: failure.offset + 1, reason: failure.reason)
        }
        skipWhitespace()
        guard position < end else { throw fail("empty line") }
        try parseValue()
        skipWhitespace()
        if position < end { throw fail("unexpected data after the JSON value") }
    }

    private func fail(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(column: position + 1, reason: reason)
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < end {
            let byte = base[position]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            position += 1
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) {
        guard position < end else { throw fail("unexpected end of line (truncated JSON?)") }
        switch base[position] {
        case UInt8(ascii: "{"): try parseObject()
        case UInt8(ascii: "["): try parseArray()
        case UInt8(ascii: "\""): try parseString()
        case UInt8(ascii: "t"): try parseLiteral("true", kind: .bool, flags: Token.isTrue)
        case UInt8(ascii: "f"): try parseLiteral("false", kind: .bool, flags: 0)
        case UInt8(ascii: "n"): try parseLiteral("null", kind: .null, flags: 0)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber()
        default: throw fail("unexpected character '\(printable(base[position]))'")
        }
    }

    private func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\x" + String(byte, radix: 16)
    }

    private mutating func openContainer(_ kind: Token.Kind) throws(JSONSyntaxError) -> Int {
        depth += 1
        if depth > JSONTapeParser.maxDepth { throw fail("nested deeper than \(JSONTapeParser.maxDepth) levels") }
        let index = tokens.count
        tokens.append(Token(kind: kind, flags: 0, start: Int32(position), end: 0, count: 0, next: 0))
        position += 1
        return index
    }

    private mutating func closeContainer(_ index: Int, count: Int32) {
        depth -= 1
        position += 1
        tokens[index].end = Int32(position)
        tokens[index].count = count
        tokens[index].next = Int32(tokens.count)
    }

    private mutating func parseObject() throws(JSONSyntaxError) {
        let index = try openContainer(.object)
        var count: Int32 = 0
        skipWhitespace()
        if position < end, base[position] == UInt8(ascii: "}") { closeContainer(index, count: 0); return }
        while true {
            skipWhitespace()
            guard position < end else { throw fail("unexpected end of line inside an object (truncated JSON?)") }
            guard base[position] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            try parseString()
            skipWhitespace()
            guard position < end, base[position] == UInt8(ascii: ":") else {
                throw fail(position < end ? "expected ':' after a key" : "unexpected end of line inside an object (truncated JSON?)")
            }
            position += 1
            skipWhitespace()
            try parseValue()
            count += 1
            skipWhitespace()
            guard position < end else { throw fail("unexpected end of line inside an object (truncated JSON?)") }
            if base[position] == UInt8(ascii: ",") { position += 1; continue }
            if base[position] == UInt8(ascii: "}") { closeContainer(index, count: count); return }
            throw fail("expected ',' or '}' in an object")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) {
        let index = try openContainer(.array)
        var count: Int32 = 0
        skipWhitespace()
        if position < end, base[position] == UInt8(ascii: "]") { closeContainer(index, count: 0); return }
        while true {
            skipWhitespace()
            try parseValue()
            count += 1
            skipWhitespace()
            guard position < end else { throw fail("unexpected end of line inside an array (truncated JSON?)") }
            if base[position] == UInt8(ascii: ",") { position += 1; continue }
            if base[position] == UInt8(ascii: "]") { closeContainer(index, count: count); return }
            throw fail("expected ',' or ']' in an array")
        }
    }

    private mutating func parseLiteral(_ literal: StaticString, kind: Token.Kind, flags: UInt8) throws(JSONSyntaxError) {
        let length = literal.utf8CodeUnitCount
        guard end - position >= length, memcmp(base + position, literal.utf8Start, length) == 0 else {
            throw fail("invalid literal (expected \(literal))")
        }
        tokens.append(Token(kind: kind, flags: flags, start: Int32(position), end: Int32(position + length), count: 0, next: Int32(tokens.count + 1)))
        position += length
    }

    private mutating func parseNumber() throws(JSONSyntaxError) {
        let start = position
        if base[position] == UInt8(ascii: "-") { position += 1 }
        guard position < end, isDigit(base[position]) else { throw fail("invalid number") }
        if base[position] == UInt8(ascii: "0") {
            position += 1
        } else {
            while position < end, isDigit(base[position]) { position += 1 }
        }
        if position < end, base[position] == UInt8(ascii: ".") {
            position += 1
            guard position < end, isDigit(base[position]) else { throw fail("invalid number: digits expected after '.'") }
            while position < end, isDigit(base[position]) { position += 1 }
        }
        if position < end, base[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < end, base[position] == UInt8(ascii: "+") || base[position] == UInt8(ascii: "-") { position += 1 }
            guard position < end, isDigit(base[position]) else { throw fail("invalid number: digits expected in the exponent") }
            while position < end, isDigit(base[position]) { position += 1 }
        }
        tokens.append(Token(kind: .number, flags: 0, start: Int32(start), end: Int32(position), count: 0, next: Int32(tokens.count + 1)))
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    // MARK: Strings

    private mutating func parseString() throws(JSONSyntaxError) {
        position += 1  // opening quote
        let start = position
        var characters = 0
        var flags: UInt8 = 0
        while true {
            // Fast path: skip plain bytes (anything but a quote, a backslash or a control byte) eight at a
            // time, then the plain bytes before the first one that needs attention. A scalar is counted at
            // its first byte: UTF-8 continuation bytes (10xxxxxx) are not counted.
            while end - position >= 8 {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                let attention = JSONTapeParser.attentionMask(word)
                let plain = attention == 0 ? 8 : attention.trailingZeroBitCount >> 3
                if plain > 0 {
                    let kept: UInt64 = plain == 8 ? ~0 : (1 << (UInt64(plain) << 3)) &- 1
                    if word & kept != 0x2020_2020_2020_2020 & kept { flags |= Token.visible }
                    let continuations = (word & ~(word << 1) & 0x8080_8080_8080_8080 & kept).nonzeroBitCount
                    characters += plain - continuations
                    position += plain
                }
                if plain < 8 { break }
            }
            guard position < end else { throw fail("unterminated string (truncated JSON?)") }
            let byte = base[position]
            if byte == UInt8(ascii: "\"") {
                tokens.append(Token(kind: .string, flags: flags, start: Int32(start), end: Int32(position), count: Int32(characters), next: Int32(tokens.count + 1)))
                position += 1
                return
            } else if byte == UInt8(ascii: "\\") {
                flags |= Token.escaped
                if try parseEscape() { flags |= Token.visible }
                characters += 1
            } else if byte < 0x20 {
                throw fail("control character U+\(String(byte, radix: 16, uppercase: true)) in a string must be escaped")
            } else {
                if byte != 0x20 { flags |= Token.visible }
                if byte & 0xC0 != 0x80 { characters += 1 }
                position += 1
            }
        }
    }

    /// A mask whose lowest set bit falls in the first byte of `word` (little-endian) that is a quote, a
    /// backslash or a control character; 0 when there is none. Bits above the first such byte
    /// may be set spuriously (borrows), which is harmless since only the lowest one is used.
    @inline(__always)
    static func attentionMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl) & highs
    }

    /// Parses the escape at `position`; returns whether it stands for visible (non-whitespace) text.
    @inline(__always)
    private mutating func parseEscape() throws(JSONSyntaxError) -> Bool {
        guard position + 1 < end else { throw fail("unterminated escape (truncated JSON?)") }
        let kind = base[position + 1]
        switch kind {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"):
            position += 2
            return true
        case UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            position += 2
            return false
        case UInt8(ascii: "u"):
            let unit = try hexUnit(at: position + 2)
            position += 6
            if unit >= 0xD800, unit <= 0xDBFF {
                guard end - position >= 6, base[position] == UInt8(ascii: "\\"), base[position + 1] == UInt8(ascii: "u"),
                    let low = try? hexUnit(at: position + 2), low >= 0xDC00, low <= 0xDFFF
                else { throw fail("\\u escape is a lone high surrogate") }
                position += 6
                return true
            }
            if unit >= 0xDC00, unit <= 0xDFFF { throw fail("\\u escape is a lone low surrogate") }
            return !(unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D)
        default:
            position += 1
            throw fail("invalid escape '\\\(printable(kind))'")
        }
    }

    @inline(__always)
    private func hexUnit(at offset: Int) throws(JSONSyntaxError) -> UInt32 {
        guard end - offset >= 4 else { throw JSONSyntaxError(column: offset + 1, reason: "truncated \\u escape") }
        var value: UInt32 = 0
        for index in offset..<(offset + 4) {
            let byte = base[index]
            let decimal = byte &- UInt8(ascii: "0")
            let letter = (byte | 0x20) &- UInt8(ascii: "a")
            let digit: UInt8
            if decimal < 10 { digit = decimal }
            else if letter < 6 { digit = letter + 10 }
            else { throw JSONSyntaxError(column: index + 1, reason: "invalid hex digit in \\u escape") }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
