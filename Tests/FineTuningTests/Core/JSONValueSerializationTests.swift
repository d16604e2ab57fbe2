import FineTuning
import Foundation
import Testing

/// `JSONValue.serialized`: sorted keys, escapes for quotes, backslashes and control characters,
/// non-ASCII text as UTF-8, numbers without a needless fraction, and a pretty form; what it writes
/// parses back to the same value.
@Suite struct JSONValueSerializationTests {
    static let value: JSONValue = [
        "b": [1, 2.5, .null, true, false], "a": .string("quote \" backslash \\ newline \n tab \t return \r bell \u{07} é 日本 🎉"),
        "c": ["nested": .integer(-9_223_372_036_854_775_808), "empty": [:], "list": []], "d": .number(3.0),
    ]

    @Test func compactTextEscapesAndSortsKeys() {
        #expect(
            Self.value.jsonText
                == #"{"a":"quote \" backslash \\ newline \n tab \t return \r bell \u0007 é 日本 🎉","b":[1,2.5,null,true,false],"#
                + #""c":{"empty":{},"list":[],"nested":-9223372036854775808},"d":3}"#)
    }

    @Test func prettyTextIndentsByTwoSpaces() {
        let value: JSONValue = ["k": [1, ["x": "y"]]]
        let pretty = String(decoding: value.serialized(pretty: true), as: UTF8.self)
        #expect(pretty == "{\n  \"k\": [\n    1,\n    {\n      \"x\": \"y\"\n    }\n  ]\n}")
    }

    @Test func theTextParsesBackToTheSameValue() throws {
        var expected = Self.value
        if case .object(var members) = expected {
            members["d"] = .integer(3)
            expected = .object(members)
        }
        #expect(try JSONValue(parsing: Self.value.serialized()) == expected)
        #expect(try JSONValue(parsing: Self.value.serialized(pretty: true)) == expected)
    }
}
