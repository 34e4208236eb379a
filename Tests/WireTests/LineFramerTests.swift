import Testing
@testable import Wire

@Suite("Line framing")
struct LineFramerTests {
    func lines(_ events: [LineFramer.Event]) -> [String] {
        events.map { event in
            switch event {
            case .line(let bytes): String(decoding: bytes, as: UTF8.self)
            case .tooLong: "<too long>"
            }
        }
    }

    @Test("lines end at LF or CRLF and may arrive in pieces")
    func pieces() {
        var framer = LineFramer(maximumLength: 100)
        #expect(lines(framer.feed(Array("hal".utf8))) == [])
        #expect(lines(framer.feed(Array("lo\r\nwereld\n\nnog".utf8))) == ["hallo", "wereld", ""])
        #expect(framer.pendingCount == 3)
    }

    @Test("an over-long line is reported once and dropped up to its newline; the next line is fine")
    func tooLong() {
        var framer = LineFramer(maximumLength: 5)
        #expect(lines(framer.feed(Array("123456789".utf8))) == ["<too long>"])
        #expect(framer.pendingCount == 0)
        #expect(lines(framer.feed(Array("0123\nabcde\r\nabcdef\nok\n".utf8))) == ["abcde", "<too long>", "ok"])
    }
}
