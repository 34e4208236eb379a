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

    /// Escapes one scalar at a time: the plain definition the run-copying writer must agree with.
    static func referenceEscaped(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { scalar in
            switch scalar {
            case "\"": #"\""#
            case "\\": #"\\"#
            case "\n": #"\n"#
            case "\r": #"\r"#
            case "\t": #"\t"#
            case _ where scalar.value < 0x20: #"\u00"# + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: String(scalar)
            }
        }.joined() + "\""
    }

    @Test("strings with escapes at the start, the end, in a row or nowhere come out as escaping each scalar would")
    func escapeRuns() throws {
        let pieces = ["", "a", "é", "😀", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", " ", "/", "\u{7F}"]
        for first in pieces {
            for second in pieces {
                for third in pieces {
                    let text = first + second + third + second
                    #expect(JSONValue.string(text).serialized == Self.referenceEscaped(text))
                    #expect(try JSONParser.parse(JSONValue.string(text).serialized) == .string(text))
                }
            }
        }
        let long = String(repeating: "Wmo-loket van de gemeente ", count: 40)
        #expect(JSONValue.string(long).serialized == Self.referenceEscaped(long))
    }
}
