@testable import FineTuningDataset
import Testing

@Suite struct DatasetJSONTapeParserTests {
    func parse(_ bytes: [UInt8]) -> (JSONTape, JSONSyntaxError?) {
        let tape = JSONTape()
        let error = bytes.withUnsafeBufferPointer { buffer -> JSONSyntaxError? in
            do { try tape.parse(buffer); return nil } catch let error as JSONSyntaxError { return error } catch { return nil }
        }
        return (tape, error)
    }

    func parse(_ text: String) -> (JSONTape, JSONSyntaxError?) { parse(Array(text.utf8)) }

    @Test func navigatesObjectsArraysAndDecodesStrings() throws {
        let source = #"{"a": [1, {"b": "x\ny\u00e9\ud83d\ude00"}], "c": true, "d": null, "long": "abcdefghijklmnopqrstuvwxyz"}"#
        let bytes = Array(source.utf8)
        let tape = JSONTape()
        try bytes.withUnsafeBufferPointer { buffer in
            try tape.parse(buffer)
            let array = try #require(tape.member("a", of: 0))
            let elements = tape.elements(of: array)
            #expect(elements.count == 2)
            let b = try #require(tape.member("b", of: elements[1]))
            #expect(tape.string(at: b) == "x\nyé😀")
            #expect(tape[b].count == 5)  // x, newline, y, é, one emoji from a surrogate pair
            #expect(tape.value(at: try #require(tape.member("c", of: 0))) == .bool(true))
            #expect(tape.member("missing", of: 0) == nil)
            let long = try #require(tape.member("long", of: 0))
            #expect(tape[long].count == 26)
            #expect(tape.value(at: 0)["a"] == [1, ["b": "x\nyé😀"]])
        }
    }

    @Test func marksWhitespaceOnlyStringsAsInvisible() throws {
        let (tape, error) = parse(#"["        \n\t  ", "   a"]"#)
        #expect(error == nil)
        #expect(tape[1].flags & JSONTape.Token.visible == 0)
        #expect(tape[2].flags & JSONTape.Token.visible != 0)
    }

    @Test(arguments: [
        (#"{"a": 1"#, "unexpected end of line inside an object (truncated JSON?)"),
        (#"{"a": "abc"#, "unterminated string (truncated JSON?)"),
        (#"{"a": 1} x"#, "unexpected data after the JSON value"),
        (#"{"a": 01}"#, "expected ',' or '}' in an object"),
        (#"{"a": tru}"#, "invalid literal (expected true)"),
        (#"{"a": "\q"}"#, "invalid escape '\\q'"),
        (#"{"a": "\ud800"}"#, "\\u escape is a lone high surrogate"),
        (#"{'a': 1}"#, "expected a string key"),
        ("{\"a\": \"tab\there\"}", "control character U+9 in a string must be escaped"),
    ])
    func rejectsMalformedJSON(source: String, reason: String) {
        #expect(parse(source).1?.reason == reason)
    }

    @Test(arguments: [
        [0xC0, 0xAF] as [UInt8],  // overlong "/"
        [0xED, 0xA0, 0x80],  // UTF-16 surrogate encoded in UTF-8
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0xE2, 0x82],  // truncated
        [0xFF],
    ])
    func rejectsInvalidUTF8(sequence: [UInt8]) {
        let bytes = Array(#"{"a": "ok"#.utf8) + sequence + Array(#"end"}"#.utf8)
        let error = parse(bytes).1
        #expect(error?.reason.contains("UTF-8") == true)
        #expect(error?.column == 10)
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(parse(deep).1?.reason.contains("nested deeper") == true)
    }
}
