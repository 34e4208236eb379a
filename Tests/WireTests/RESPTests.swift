import Testing
import Wire

@Suite("RESP2 replies and commands")
struct RESPTests {
    /// Every reply in `text`, fed one byte at a time: a reply is only whole once its last byte is in.
    static func replies(_ text: String, limits: RESPParser.Limits = RESPParser.Limits()) throws -> [RESPValue] {
        var parser = RESPParser(limits: limits)
        var replies: [RESPValue] = []
        for byte in text.utf8 {
            parser.append([byte])
            while let reply = try parser.next() { replies.append(reply) }
        }
        return replies
    }

    @Test("the five types, null bulk and null array, nested arrays, and binary-safe bulk strings")
    func types() throws {
        let text = "+OK\r\n-ERR wrong\r\n:-42\r\n$5\r\nab\r\nc\r\n$-1\r\n*-1\r\n*2\r\n:1\r\n*1\r\n$0\r\n\r\n"
        #expect(try Self.replies(text) == [
            .simple("OK"), .error("ERR wrong"), .integer(-42), .bulk(Array("ab\r\nc".utf8)), .bulk(nil), .array(nil),
            .array([.integer(1), .array([.bulk([])])]),
        ])
        #expect(RESPValue.bulk(Array("tekst".utf8)).text == "tekst" && RESPValue.integer(1).text == nil)
    }

    @Test("a command is an array of bulk strings")
    func command() {
        #expect(RESP.command("SET", "k", "één") == Array("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\néén\r\n".utf8))
    }

    @Test("bytes that are not RESP2 are an error, never a crash or an endless wait", arguments: [
        "?\r\n", ":12a\r\n", ":\r\n", "$abc\r\n", "$-2\r\n", "*-5\r\n", "+a\nb\r\n", "+ab\rc\r\n", "$3\r\nabcXY",
        ":99999999999999999999\r\n",
    ])
    func malformed(text: String) {
        #expect(throws: RESPParser.Failure.self) { try Self.replies(text) }
    }

    @Test("limits bound what a hostile server can make the client hold")
    func limits() {
        var limits = RESPParser.Limits()
        limits.maximumBulkBytes = 4
        limits.maximumArrayCount = 2
        limits.maximumDepth = 2
        limits.maximumLineBytes = 8
        for text in ["$5\r\n", "*3\r\n", "*1\r\n*1\r\n*1\r\n:1\r\n", "+123456789\r\n"] {
            #expect(throws: RESPParser.Failure.self, "\(text.debugDescription)") { try Self.replies(text, limits: limits) }
        }
    }
}
