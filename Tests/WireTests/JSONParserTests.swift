import Testing
@testable import Wire

@Suite("JSON parser")
struct JSONParserTests {
    @Test("values of every kind, with escapes and surrogate pairs")
    func values() throws {
        let value = try JSONParser.parse(#" {"session":"abc","text":"h\u00e9 \"x\"\n\ud83d\ude00","n":[1,-2.5e2,0,true,false,null],"o":{}} "#)
        #expect(value["session"]?.stringValue == "abc")
        #expect(value["text"]?.stringValue == "hé \"x\"\n😀")
        #expect(value["n"] == .array([.number(1), .number(-250), .number(0), .bool(true), .bool(false), .null]))
        #expect(value["o"] == .object([]) && value["missing"] == nil)
    }

    @Test("what it writes, it reads back")
    func roundTrip() throws {
        let original = JSONValue.object([("text", .string("regel\ttab \u{01} \\ é")), ("list", .array([.number(3), .null]))])
        #expect(try JSONParser.parse(original.serialized) == original)
    }

    @Test("malformed input is an error with an offset, never a crash", arguments: [
        "", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "01", "1.", "-", "\"abc", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\"",
        "tru", "nul", "{} x", "1e55555", "-1e400", "\"\u{01}\"", "[" + String(repeating: "[", count: 100) + "]",
    ])
    func rejects(text: String) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
    }

    @Test("invalid UTF-8 inside a string is rejected")
    func invalidUTF8() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }
}
