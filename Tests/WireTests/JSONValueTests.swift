import Testing
@testable import Wire

@Suite("JSON writer")
struct JSONValueTests {
    @Test("objects keep the order their keys were written in")
    func keyOrder() {
        let value = JSONValue.object([("query", .string("q")), ("results", .array([])), ("a", .null)])
        #expect(value.serialized == #"{"query":"q","results":[],"a":null}"#)
    }

    @Test("strings are escaped; non-ASCII stays as UTF-8", arguments: [
        ("say \"hi\"", #""say \"hi\"""#), ("a\\b", #""a\\b""#), ("regel\nnieuw\t", #""regel\nnieuw\t""#),
        ("\u{01}", #""\u0001""#), ("cliënt", #""cliënt""#),
    ])
    func escapes(text: String, expected: String) {
        #expect(JSONValue.string(text).serialized == expected)
    }

    @Test("numbers: integers plain, fractions rounded, non-finite as null", arguments: [
        (3.0, "3"), (-2.0, "-2"), (0.1234567, "0.123457"), (Double.nan, "null"), (Double.infinity, "null"),
    ])
    func numbers(value: Double, expected: String) {
        #expect(JSONValue.number(value).serialized == expected)
    }

    @Test("booleans and nesting")
    func nesting() {
        #expect(JSONValue.array([.bool(true), .object([("x", .bool(false))])]).serialized == #"[true,{"x":false}]"#)
    }
}
