import Dialogue
import Foundation
import Testing
@testable import Server
#if canImport(Glibc)
import Glibc
#endif

/// A blocking loopback client for the tests.
struct TestClient {
    let fd: Int32

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw SocketError("connect") }
        Self.setTimeout(fd)
    }

    init(unixPath path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw SocketError("connect \(path)") }
        Self.setTimeout(fd)
    }

    /// Reads give up after five seconds, so a test never hangs.
    private static func setTimeout(_ fd: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Reads until `done` says the text is complete, the peer closes, or the timeout passes.
    func receive(until done: (String) -> Bool) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !done(String(decoding: data, as: UTF8.self)) {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            data += buffer[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// One whole HTTP response (head and Content-Length body).
    func response() -> String {
        receive { text in
            guard let end = text.range(of: "\r\n\r\n") else { return false }
            let head = text[..<end.lowerBound]
            let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            return text.utf8.count - text[..<end.upperBound].utf8.count >= length
        }
    }

    func close() { Glibc.close(fd) }
}

/// The servers over real sockets on loopback port 0.
@Suite("Servers over sockets", .serialized)
struct SocketTests {
    /// Starts a server, runs `body`, stops it and waits for it to finish.
    func withServer(limits: ServerLimits = ServerLimits(), tokens: [String] = [],
                    line: ListenAddress = .tcp(host: "127.0.0.1", port: 0), http: ListenAddress = .tcp(host: "127.0.0.1", port: 0),
                    _ body: (Server) throws -> Void) throws {
        var configuration = Server.Configuration(line: line, http: http)
        configuration.limits = limits
        configuration.loops = 2
        let application = Application(engine: ApplicationTests.engine, store: SessionStore(), tokens: tokens,
                                      clock: { 1_795_392_000 }, monotonic: Server.monotonicSeconds)
        let server = try Server(configuration, application: application)
        let finished = Thread.start { server.run() }
        defer {
            server.stop()
            finished.join()
        }
        try body(server)
    }

    func post(_ path: String, _ body: String, extra: String = "") -> String {
        "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\(extra)Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    @Test("the Rasa round trip over HTTP, with keep-alive and pipelining")
    func rasaRoundTrip() throws {
        try withServer { server in
            let client = try TestClient(port: server.httpPort!)
            defer { client.close() }
            client.send(post("/webhooks/rest/webhook", #"{"sender":"s","message":"ik heb een vraag over zorg"}"#)
                        + "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            let text = client.receive { $0.contains(#"{"status":"ok"}"#) }
            #expect(text.hasPrefix("HTTP/1.1 200 OK") && text.contains(#""recipient_id":"s""#) && text.contains(#""buttons":"#))
            #expect(text.components(separatedBy: "HTTP/1.1 200 OK").count == 3)
        }
    }

    @Test("both line-protocol modes on one connection; an over-long line is an error and the connection stays")
    func lineProtocol() throws {
        var limits = ServerLimits()
        limits.maximumLineBytes = 64
        try withServer(limits: limits) { server in
            let client = try TestClient(port: server.linePort!)
            defer { client.close() }
            client.send(#"{"session":"a","text":"stop"}"# + "\n")
            #expect(client.receive { $0.hasSuffix("}\n") }.hasPrefix(#"{"session":"a","replies":"#))
            client.send("ik heb een vraag over zorg\n")
            #expect(client.receive { $0.hasSuffix("\n\n") }.contains("1. "))
            client.send(String(repeating: "x", count: 200) + "\n")
            #expect(client.receive { $0.hasSuffix("\n") }.contains("line_too_long"))
            client.send("{kapot\n")
            #expect(client.receive { $0.hasSuffix("\n") }.contains("invalid_json"))
        }
    }

    @Test("over a socket: a smuggling attempt is 400 and closes; an absolute-form target is served")
    func strictFraming() throws {
        try withServer { server in
            for attack in ["POST /v1/messages HTTP/1.1\r\nHost: x\r\nHost: y\r\nContent-Length: 0\r\n\r\n",
                           "POST /v1/messages HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n",
                           "POST /v1/messages HTTP/1.1\r\nHost: x\r\nX-Note: a\rContent-Length: 5\r\nContent-Length: 0\r\n\r\n"] {
                let client = try TestClient(port: server.httpPort!)
                defer { client.close() }
                client.send(attack)
                let text = client.receive { _ in false }
                #expect(text.hasPrefix("HTTP/1.1 400 ") || text.hasPrefix("HTTP/1.1 501 "), "\(attack.debugDescription)")
                #expect(text.contains("Connection: close"))
            }
            let client = try TestClient(port: server.httpPort!)
            defer { client.close() }
            let body = #"{"session":"abs","text":"hoi"}"#
            client.send("POST http://x/v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
            #expect(client.response().hasPrefix("HTTP/1.1 200 "))
        }
    }

    @Test("a refused request's error body names its own reason, not 'bad_request' for all")
    func errorCodes() throws {
        var limits = ServerLimits()
        limits.http.maximumBodyBytes = 16
        try withServer(limits: limits) { server in
            for (request, code) in [
                ("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n", "payload_too_large"),
                ("GET /" + String(repeating: "a", count: 5000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "uri_too_long"),
                ("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 17000) + "\r\n\r\n", "header_too_large"),
                ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", "http_version_not_supported"),
                ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", "not_implemented"),
                ("GET / HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", "bad_request"),
            ] {
                let client = try TestClient(port: server.httpPort!)
                defer { client.close() }
                client.send(request)
                let text = client.receive { _ in false }
                #expect(text.contains(#""code":"\#(code)""#), "\(code): \(text.prefix(120))")
            }
        }
    }

    @Test("Expect: 100-continue, chunked bodies and HTTP/1.0")
    func httpFeatures() throws {
        try withServer { server in
            let client = try TestClient(port: server.httpPort!)
            defer { client.close() }
            client.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n")
            #expect(client.receive { $0.contains("\r\n\r\n") } == "HTTP/1.1 100 Continue\r\n\r\n")
            client.send("1d\r\n{\"session\":\"c\",\"text\":\"stop\"}\r\n0\r\n\r\n")
            #expect(client.response().contains(#""ended":true"#))
            let old = try TestClient(port: server.httpPort!)
            defer { old.close() }
            old.send("GET /healthz HTTP/1.0\r\n\r\n")
            let text = old.receive { _ in false }
            #expect(text.hasPrefix("HTTP/1.1 200 OK") && text.contains("Connection: close"))
        }
    }

    @Test("limits answer with their status and close", arguments: [
        ("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n", "413"),
        ("GET /" + String(repeating: "a", count: 5000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "414"),
        ("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "a", count: 20000) + "\r\n\r\n", "431"),
        ("BROKEN\r\n\r\n", "400"),
    ])
    func limits(request: String, status: String) throws {
        try withServer { server in
            let client = try TestClient(port: server.httpPort!)
            defer { client.close() }
            client.send(request)
            #expect(client.receive { _ in false }.hasPrefix("HTTP/1.1 \(status) "))
        }
    }

    @Test("a client that sends half a request gets 408; others are served meanwhile")
    func slowClient() throws {
        var limits = ServerLimits()
        limits.requestTimeout = 0.5
        try withServer(limits: limits) { server in
            let slow = try TestClient(port: server.httpPort!)
            defer { slow.close() }
            slow.send("POST /v1/messages HTTP/1.1\r\nHost: x\r\n")
            let fast = try TestClient(port: server.httpPort!)
            defer { fast.close() }
            fast.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(fast.response().hasPrefix("HTTP/1.1 200 OK"))
            #expect(slow.receive { _ in false }.hasPrefix("HTTP/1.1 408 "))
            fast.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(fast.response().contains(#"routewijzer_http_requests_total{status="408"} 1"#))
        }
    }

    @Test("a silent connection is closed after the idle timeout; a busy one stays")
    func idleTimeout() throws {
        var limits = ServerLimits()
        limits.idleTimeout = 0.6
        try withServer(limits: limits) { server in
            let silent = try TestClient(port: server.linePort!)
            defer { silent.close() }
            let busy = try TestClient(port: server.httpPort!)
            defer { busy.close() }
            let start = Date()
            for _ in 0..<4 {
                Thread.sleep(forTimeInterval: 0.25)
                busy.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(busy.response().hasPrefix("HTTP/1.1 200 OK"))
            }
            #expect(silent.receive { _ in false } == "")
            #expect(Date().timeIntervalSince(start) < 3, "closed by the server, not by the client's 5 s read timeout")
        }
    }

    @Test("both servers listen on unix sockets too, and remove them when they stop")
    func unixSockets() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "rw-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let linePath = directory + "/line.sock", httpPath = directory + "/http.sock"
        try withServer(line: .unix(path: linePath), http: .unix(path: httpPath)) { _ in
            let line = try TestClient(unixPath: linePath)
            defer { line.close() }
            line.send(#"{"session":"u","text":"ik heb een vraag over zorg"}"# + "\n")
            #expect(line.receive { $0.hasSuffix("}\n") }.contains(#""session":"u""#))
            let http = try TestClient(unixPath: httpPath)
            defer { http.close() }
            http.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(http.response().hasPrefix("HTTP/1.1 200 OK"))
        }
        #expect(!FileManager.default.fileExists(atPath: linePath) && !FileManager.default.fileExists(atPath: httpPath))
    }

    @Test("a unix socket path holding another file is an error, and the file stays")
    func unixPathTaken() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "rw-\(UUID().uuidString.prefix(8)).sock").path
        try Data("keep".utf8).write(to: URL(filePath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SocketError.self) { try withServer(line: .unix(path: path)) { _ in } }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep")
    }

    @Test("over the connection limit: 503 (HTTP) or too_many_connections (line), each listener with its own limit")
    func connectionLimit() throws {
        var limits = ServerLimits()
        limits.maximumConnections = 1
        try withServer(limits: limits) { server in
            let idleLine = try TestClient(port: server.linePort!)
            defer { idleLine.close() }
            idleLine.send("{\"session\":\"idle\",\"text\":\"hoi\"}\n")
            _ = idleLine.receive { $0.hasSuffix("\n") }
            // The line listener is full; HTTP has its own place.
            let first = try TestClient(port: server.httpPort!)
            defer { first.close() }
            first.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(first.response().hasPrefix("HTTP/1.1 200 "))
            let second = try TestClient(port: server.httpPort!)
            defer { second.close() }
            #expect(second.receive { _ in false }.hasPrefix("HTTP/1.1 503 "))
            let line = try TestClient(port: server.linePort!)
            defer { line.close() }
            #expect(line.receive { _ in false }.contains(#""code":"too_many_connections""#))
            first.send("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(first.response().contains(#"routewijzer_http_requests_total{status="503"} 1"#))
        }
    }

    @Test("a last line without a newline before the client half-closes is answered, then the connection closes")
    func halfClose() throws {
        try withServer { server in
            for (line, answer) in [("{\"session\":\"half\",\"text\":\"hulp\"}", #""replies":"#), ("hulp", "Zo werkt het")] {
                let client = try TestClient(port: server.linePort!)
                defer { client.close() }
                client.send(line)
                shutdown(client.fd, Int32(SHUT_WR))
                let text = client.receive { _ in false }
                #expect(text.contains(answer), "\(line)")
            }
        }
    }

    @Test("tokens: 401 without, sessions apart per token")
    func tokens() throws {
        try withServer(tokens: ["a", "b"]) { server in
            let client = try TestClient(port: server.httpPort!)
            defer { client.close() }
            client.send(post("/v1/messages", #"{"session":"s","text":"hoi"}"#))
            #expect(client.response().hasPrefix("HTTP/1.1 401 "))
            client.send(post("/v1/messages", #"{"session":"s","text":"ik heb een vraag over zorg"}"#, extra: "Authorization: Bearer a\r\n"))
            _ = client.response()
            client.send(post("/v1/messages", #"{"session":"s","text":"anders"}"#, extra: "Authorization: Bearer b\r\n"))
            #expect(client.response().contains(#""step":"begin""#))
        }
    }

    @Test("the Bearer scheme is case-insensitive; a wrong scheme or token is 401")
    func bearerScheme() throws {
        try withServer(tokens: ["a"]) { server in
            let client = try TestClient(port: server.httpPort!)
            defer { client.close() }
            for (header, status) in [("bearer a", "200"), ("BEARER a", "200"), ("Bearer  a", "200"), ("Basic a", "401"), ("Bearer b", "401"), ("Bearer", "401")] {
                client.send(post("/v1/messages", #"{"session":"s","text":"hoi"}"#, extra: "Authorization: \(header)\r\n"))
                #expect(client.response().hasPrefix("HTTP/1.1 \(status) "), "\(header)")
            }
        }
    }

    @Test("backpressure: a client that pipelines without reading is paused, not buffered; it loses nothing, others are served")
    func backpressure() throws {
        var limits = ServerLimits()
        limits.maximumOutputBytes = 2048
        try withServer(limits: limits) { server in
            let greedy = try TestClient(port: server.httpPort!)
            defer { greedy.close() }
            greedy.send(String(repeating: "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", count: 300))
            let lines = try TestClient(port: server.linePort!)
            defer { lines.close() }
            lines.send(String(repeating: "{\"session\":\"bp\",\"text\":\"hulp\"}\n", count: 100))
            usleep(200_000)
            let other = try TestClient(port: server.httpPort!)
            defer { other.close() }
            other.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(other.response().hasPrefix("HTTP/1.1 200 "))
            let all = greedy.receive { $0.components(separatedBy: "HTTP/1.1 200 OK").count - 1 >= 300 }
            #expect(all.components(separatedBy: "HTTP/1.1 200 OK").count - 1 == 300)
            let answers = lines.receive { $0.split(separator: "\n").count >= 100 }
            #expect(answers.split(separator: "\n").count == 100 && answers.split(separator: "\n").allSatisfy { $0.hasPrefix("{") })
        }
    }

    @Test("many sessions at once over several connections stay apart")
    func concurrentSessions() throws {
        try withServer { server in
            let clients = try (0..<8).map { _ in try TestClient(port: server.linePort!) }
            defer { clients.forEach { $0.close() } }
            for (index, client) in clients.enumerated() { client.send(#"{"session":"c\#(index)","text":"ik heb een vraag over zorg"}"# + "\n") }
            for client in clients { _ = client.receive { $0.hasSuffix("}\n") } }
            for (index, client) in clients.enumerated() where index % 2 == 0 { client.send(#"{"session":"c\#(index)","text":"anders"}"# + "\n") }
            for (index, client) in clients.enumerated() where index % 2 == 0 {
                #expect(client.receive { $0.hasSuffix("}\n") }.contains(#""step":"gevaar""#))
            }
        }
    }
}
