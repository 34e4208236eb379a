import Testing
@testable import Wire

@Suite("HTTP request parser")
struct HTTPRequestParserTests {
    func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> [HTTPRequestParser.Step] {
        var parser = HTTPRequestParser(limits: limits)
        parser.append(Array(text.utf8))
        var steps: [HTTPRequestParser.Step] = []
        while true {
            let step = parser.next()
            steps.append(step)
            if case .request = step { continue }
            return steps
        }
    }

    func request(_ step: HTTPRequestParser.Step?) -> HTTPRequest? {
        if case .request(let request)? = step { return request }
        return nil
    }

    @Test("a POST with Content-Length, arriving byte by byte")
    func contentLength() {
        var parser = HTTPRequestParser()
        let text = "POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\nhallo"
        var result: HTTPRequest?
        for byte in text.utf8 {
            parser.append([byte])
            if case .request(let request) = parser.next() { result = request }
        }
        #expect(result?.method == "POST" && result?.path == "/v1/messages" && result?.header("content-type") == "application/json")
        #expect(result?.body == Array("hallo".utf8) && result?.keepAlive == true && parser.bufferedCount == 0)
    }

    @Test("pipelined requests come out one by one, in order")
    func pipelining() {
        let steps = parse("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /metrics?x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(steps.count == 3 && request(steps[0])?.target == "/healthz")
        #expect(request(steps[1])?.path == "/metrics" && request(steps[1])?.keepAlive == false && steps[2] == .needMore)
    }

    @Test("chunked bodies are decoded, extensions and trailers skipped")
    func chunked() {
        let steps = parse("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhallo\r\n7\r\n wereld\r\n0\r\nX-Trailer: y\r\n\r\n")
        #expect(request(steps[0])?.body == Array("hallo wereld".utf8))
        #expect(parse("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhal") == [.needMore])
    }

    @Test("Expect: 100-continue is reported once before the body")
    func expectContinue() {
        var parser = HTTPRequestParser()
        parser.append(Array("POST /a HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n".utf8))
        #expect(parser.next() == .expectsContinue && parser.next() == .needMore)
        parser.append(Array("ok".utf8))
        #expect(request(parser.next())?.body == Array("ok".utf8))
    }

    @Test("HTTP/1.0 closes unless asked to keep alive, and needs no Host")
    func http10() {
        #expect(request(parse("GET / HTTP/1.0\r\n\r\n").first)?.keepAlive == false)
        #expect(request(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").first)?.keepAlive == true)
    }

    @Test("malformed and oversized requests get the right status", arguments: [
        ("GARBAGE\r\n\r\n", 400), ("GET / HTTP/1.1\r\n\r\n", 400), ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        ("GET / HTTP/1.1\r\nHost: x\r\n bad fold\r\n\r\n", 400), ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1, 2\r\n\r\n", 400), ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 70000\r\n\r\n", 413), ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
        ("GET /" + String(repeating: "a", count: 5000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 17000) + "\r\n\r\n", 431),
    ])
    func failures(text: String, status: Int) {
        guard case .failure(let actual)? = parse(text).last else {
            Issue.record("no failure for \(text.prefix(40))")
            return
        }
        #expect(actual.status == status)
        #expect(actual.code == Self.codes[status], "each refusal carries the code of its own status")
    }

    private static let codes = [
        400: "bad_request", 413: "payload_too_large", 414: "uri_too_long", 431: "header_too_large", 501: "not_implemented",
        505: "http_version_not_supported",
    ]

    @Test("framing that two parsers could read two ways is refused (request smuggling)", arguments: [
        ("GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: a\u{0}b\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: a\u{7F}\r\n\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400),
        ("GET / HTTP/1.0\r\nHost: x\r\nHost: y\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding:\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n+2\r\nab\r\n0\r\n\r\n", 400),
        ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n-0\r\n\r\n", 400),
    ])
    func smuggling(text: String, status: Int) {
        guard case .failure(let actual)? = parse(text).last else {
            Issue.record("no failure for \(text.debugDescription)")
            return
        }
        #expect(actual.status == status, "\(text.debugDescription)")
    }

    @Test("a tab in a value, hex chunk sizes in either case and an absolute-form target are fine")
    func strictButCorrect() {
        #expect(request(parse("GET / HTTP/1.1\r\nHost: x\r\nX: a\tb\r\n\r\n").first)?.header("x") == "a\tb")
        let chunked = parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n")
        #expect(request(chunked.first)?.body == Array("0123456789".utf8))
        #expect(request(parse("POST http://example.org/v1/messages?x=1 HTTP/1.1\r\nHost: example.org\r\n\r\n").first)?.target == "/v1/messages?x=1")
        #expect(request(parse("OPTIONS HTTP://example.org HTTP/1.1\r\nHost: example.org\r\n\r\n").first)?.target == "/")
    }

    @Test("a chunked body over the limit is 413, even when it arrives in small chunks")
    func chunkedLimit() {
        var limits = HTTPLimits()
        limits.maximumBodyBytes = 8
        let steps = parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n12345\r\n5\r\n67890\r\n0\r\n\r\n", limits: limits)
        #expect(steps.last == .failure(.payloadTooLarge("request body too large")))
    }

    @Test("a head that never ends is refused at the limit instead of growing")
    func endlessHead() {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8))
        parser.append([UInt8](repeating: UInt8(ascii: "a"), count: 17000))
        #expect(parser.next() == .failure(.headerTooLarge("request header fields too large")))
    }

    @Test("header names and the tokens the server reads compare without ASCII case")
    func oddCase() {
        let post = request(parse("POST /a HTTP/1.1\r\nhOST: x\r\nCONTENT-length: 2\r\nContent-TYPE: Application/JSON; Charset=UTF-8\r\nX-Extra:\t a b \t\r\n\r\nok").first)
        #expect(post?.body == Array("ok".utf8) && post?.header("content-type") == "Application/JSON; Charset=UTF-8")
        #expect(post?.headers.map(\.name) == ["host", "content-length", "content-type", "x-extra"] && post?.header("x-extra") == "a b")
        #expect(post?.hasMediaType("application/json") == true && post?.hasMediaType("application/js") == false)
        let chunked = request(parse("POST /a HTTP/1.1\r\nHost: x\r\nTRANSFER-ENCODING: ChUnKeD\r\n\r\n2\r\nok\r\n0\r\n\r\n").first)
        #expect(chunked?.body == Array("ok".utf8))
        #expect(request(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, CLOSE\r\n\r\n").first)?.keepAlive == false)
        #expect(request(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: closed\r\n\r\n").first)?.keepAlive == true)
        #expect(request(parse("GET / HTTP/1.0\r\nConnection: , KEEP-ALIVE \r\n\r\n").first)?.keepAlive == true)
    }

    @Test("the media type is the first non-empty part before a semicolon, trimmed", arguments: [
        ("application/json", true), (" APPLICATION/JSON ;charset=utf-8", true), (";application/json", true),
        ("application/jsonx", false), ("text/plain; application/json", false), ("", false),
    ])
    func mediaType(value: String, matches: Bool) {
        #expect(HTTPRequest(method: "POST", target: "/", headers: [("content-type", value)]).hasMediaType("application/json") == matches)
    }

    @Test("Content-Length fields and list elements must agree", arguments: [
        ("Content-Length: 2, 2", 200), ("Content-Length: 2\r\nContent-Length: 2,", 200), ("Content-Length: 2,,2", 200),
        ("Content-Length: 2, 02", 400), ("Content-Length: 2\r\nContent-Length: 3", 400), ("Content-Length: 2, ,2", 400),
        ("Content-Length: 2\r\nTransfer-Encoding: chunked", 400), ("Content-Length:", 200),
    ])
    func contentLengths(fields: String, status: Int) {
        let steps = parse("POST /a HTTP/1.1\r\nHost: x\r\n\(fields)\r\n\r\nok")
        if case .failure(let actual) = steps.first { #expect(actual.status == status) } else { #expect(status == 200) }
    }
}
