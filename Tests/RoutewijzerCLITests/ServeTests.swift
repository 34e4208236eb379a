import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `routewijzer serve` as a process: it starts on port 0, answers, reloads on SIGHUP and stops on SIGTERM.
@Suite("routewijzer serve")
struct ServeTests {
    /// One HTTP/1.0 exchange on loopback (the server closes after the response).
    /// A TCP connection to `port` on loopback whose reads give up after `timeout` seconds.
    static func connected(_ port: Int, timeout seconds: Int = 5) -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func http(_ port: Int, _ request: String) -> String {
        let fd = connected(port)
        defer { close(fd) }
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            data += buffer[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Lines of the process's standard error as they come.
    final class LogReader: @unchecked Sendable {
        private let handle: FileHandle
        private var pending = ""
        /// The first line (the "listening" event).
        var first = ""

        init(_ handle: FileHandle) { self.handle = handle }

        func nextLine() -> String? {
            while !pending.contains("\n") {
                let data = handle.availableData
                guard !data.isEmpty else { return nil }
                pending += String(decoding: data, as: UTF8.self)
            }
            let line = String(pending.prefix { $0 != "\n" })
            pending = String(pending.dropFirst(line.count + 1))
            return line
        }
    }

    @Test("serves the webhook and the OpenAPI document, reloads on SIGHUP and exits 0 on SIGTERM")
    func lifecycle() throws {
        let (process, port, log) = try Self.start([])
        #expect(Self.http(port, "GET /openapi.yaml HTTP/1.0\r\n\r\n").contains("openapi: 3.1.0"))
        let body = #"{"session":"p","text":"geheime tekst"}"#
        let turn = Self.http(port, "POST /v1/messages HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
        #expect(turn.hasPrefix("HTTP/1.1 200 OK"))
        kill(process.processIdentifier, SIGHUP)
        #expect(log.nextLine()?.contains(#""event":"reloaded""#) == true)
        let stopAt = Date()
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && Date().timeIntervalSince(stopAt) < 5)
        var rest: [String] = []
        while let line = log.nextLine() { rest.append(line) }
        #expect(rest.contains { $0.contains(#""event":"stopped""#) })
        #expect(!(rest + [log.first]).contains { $0.contains("geheime tekst") })
    }
}

extension ServeTests {
    /// The denial of service of one long word: analysis used to grow with the square of a word's length.
    @Test("a message of one word filling the body limit is answered, and /healthz still answers after it")
    func oneLongWord() throws {
        let (process, port, _) = try Self.start([])
        defer { process.terminate(); process.waitUntilExit() }
        let word = String(repeating: "zorg", count: 16_000 - 10)
        let reply = Self.message(port, "lang", word)
        #expect(reply.hasPrefix("HTTP/1.1 200 OK"))
        #expect(Self.http(port, "GET /healthz HTTP/1.0\r\n\r\n").hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test("two messages of one word repeated to the body limit, at once, are answered, and /healthz answers too")
    func repeatedWords() throws {
        let (process, port, _) = try Self.start([])
        defer { process.terminate(); process.waitUntilExit() }
        // One word thousands of times once cost the trigger matcher its length squared (1.5 s a turn).
        let text = Array(repeating: "zorg", count: 12_000).joined(separator: " ")
        let replies = Mutex(["", ""])
        let senders = (0..<2).map { index in
            Thread {
                let reply = Self.message(port, "herhaal\(index)", text)
                replies.withLock { $0[index] = reply }
            }
        }
        senders.forEach { $0.start() }
        #expect(Self.http(port, "GET /healthz HTTP/1.0\r\n\r\n").hasPrefix("HTTP/1.1 200 OK"))
        while replies.withLock({ $0.contains("") }) { usleep(10_000) }
        #expect(replies.withLock { $0.allSatisfy { $0.hasPrefix("HTTP/1.1 200 OK") } })
    }

    @Test("a client that pipelines GET /openapi.yaml and never reads cannot grow the server's memory")
    func unreadPipelining() throws {
        let (process, port, _) = try Self.start([])
        defer { process.terminate(); process.waitUntilExit() }
        let before = try #require(Self.residentKilobytes(process.processIdentifier))
        let fd = Self.connected(port)
        defer { close(fd) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        // Each 40-byte request asks for a 10 KB answer; without backpressure 4 MB of requests would
        // make the server hold 1 GB of answers. Send for two seconds, or until the socket is full.
        let requests = Array(String(repeating: "GET /openapi.yaml HTTP/1.1\r\nHost: x\r\n\r\n", count: 1000).utf8)
        let deadline = Date().addingTimeInterval(2)
        var sent = 0
        while Date() < deadline && sent < 4_000_000 {
            let count = requests.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count > 0 { sent += count } else { usleep(10_000) }
        }
        usleep(300_000)
        let after = try #require(Self.residentKilobytes(process.processIdentifier))
        #expect(after - before < 64 * 1024, "resident memory grew from \(before) KB to \(after) KB after \(sent) bytes of requests")
        #expect(Self.http(port, "GET /healthz HTTP/1.0\r\n\r\n").hasPrefix("HTTP/1.1 200 OK"))
    }

    @Test("SIGTERM answers every request already sent, then exits 0 within 5 s")
    func gracefulStop() throws {
        let (process, port, _) = try Self.start([])
        let body = #"{"session":"term","text":"ik heb een vraag over zorg"}"#
        let request = Array(("POST /v1/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n"
                             + "Content-Length: \(body.utf8.count)\r\n\r\n" + body).utf8)
        let sockets = (0..<16).map { _ in Self.connected(port, timeout: 6) }
        let started = Date()
        for fd in sockets { _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } }
        kill(process.processIdentifier, SIGTERM)
        var answered = 0
        for fd in sockets {
            var data: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { break }
                data += buffer[0..<count]
            }
            close(fd)
            if String(decoding: data, as: UTF8.self).hasPrefix("HTTP/1.1 200 OK") { answered += 1 }
        }
        process.waitUntilExit()
        #expect(answered == 16)
        #expect(process.terminationStatus == 0 && Date().timeIntervalSince(started) < 5)
    }

    @Test("a plain line session ends with its connection: never on disk, never continued by a later nc user after a restart")
    func plainSessionsStayWithTheirConnection() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "rw-plain-\(UUID().uuidString)").path
        defer { unlink(path) }
        /// One plain nc-style conversation: each line sent, the answer read, then the connection closed.
        func plain(_ port: Int, _ lines: [String]) -> String {
            let fd = Self.connected(port, timeout: 1)
            defer { close(fd) }
            var all = ""
            for line in lines {
                let bytes = Array((line + "\n").utf8)
                _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count > 0 { all += String(decoding: buffer[0..<count], as: UTF8.self) }
            }
            return all
        }
        let (first, _, log) = try Self.start(["--sessions", path])
        let linePort = try #require((try JSONSerialization.jsonObject(with: Data(log.first.utf8)) as? [String: Any])?["line_port"] as? Int)
        _ = plain(linePort, ["de deurwaarder heeft een brief gestuurd"])
        usleep(300_000)
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let journal = try String(contentsOfFile: path, encoding: .isoLatin1)
        #expect(!journal.contains("deurwaarder"), "a plain session reached the journal")
        let (second, _, secondLog) = try Self.start(["--sessions", path])
        defer { second.terminate(); second.waitUntilExit() }
        let newPort = try #require((try JSONSerialization.jsonObject(with: Data(secondLog.first.utf8)) as? [String: Any])?["line_port"] as? Int)
        let summary = plain(newPort, ["stop"])
        #expect(!summary.contains("deurwaarder"), "a new plain user got an earlier user's question")
    }

    @Test("'vergeet mij' and DELETE take the conversation off the disk before the answer")
    func erasureOnDisk() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "rw-erase-\(UUID().uuidString)").path
        defer { unlink(path) }
        let (process, port, _) = try Self.start(["--sessions", path])
        defer { process.terminate(); process.waitUntilExit() }
        _ = Self.message(port, "wis-mij", "de deurwaarder staat morgen voor de deur")
        _ = Self.message(port, "wis-ook", "mijn zoon van 15 zit al maanden thuis")
        #expect(try String(contentsOfFile: path, encoding: .isoLatin1).contains("deurwaarder"))
        #expect(Self.message(port, "wis-mij", "vergeet mij").contains("200 OK"))
        #expect(Self.http(port, "DELETE /v1/sessions/wis-ook HTTP/1.0\r\n\r\n").hasPrefix("HTTP/1.1 204"))
        let journal = try String(contentsOfFile: path, encoding: .isoLatin1)
        #expect(!journal.contains("deurwaarder") && !journal.contains("maanden thuis") && !journal.contains("wis-mij"))
    }

    @Test("when the journal cannot be written (a file size limit stands in for a full disk) the turn is 503, logged and counted, and every acknowledged turn survives")
    func diskFull() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "rw-full-\(UUID().uuidString)").path
        defer { unlink(path) }
        // 8 KB hold the first hundred or so sessions' compact records.
        let (process, port, log) = try Self.start(["--sessions", path], fileSizeLimit: 8)
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        var acknowledged: [String] = [], refused: [String] = []
        for index in 0..<200 {
            let session = "vol\(index)"
            let reply = Self.message(port, session, "ik heb een vraag over zorg")
            if reply.hasPrefix("HTTP/1.1 200 ") { acknowledged.append(session) } else if reply.contains(#""code":"storage_unavailable""#) { refused.append(session) }
        }
        try #require(!acknowledged.isEmpty && !refused.isEmpty, "\(acknowledged.count) acknowledged, \(refused.count) refused")
        #expect(log.nextLine()?.contains("session store failed") == true)
        #expect(Self.http(port, "GET /metrics HTTP/1.0\r\n\r\n").contains("routewijzer_session_store_errors_total \(refused.count)"))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let (second, newPort, _) = try Self.start(["--sessions", path])
        defer { second.terminate(); second.waitUntilExit() }
        for session in acknowledged {
            #expect(Self.message(newPort, session, "anders").contains(#""step":"gevaar""#), "\(session) was acknowledged but lost")
        }
    }

    /// VmRSS of a process, in kilobytes.
    static func residentKilobytes(_ pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
    }

    /// Starts `serve` with `arguments` and returns it with its HTTP port. `fileSizeLimit` (kilobytes,
    /// `ulimit -f`) makes every file write past it fail, as a full disk does.
    static func start(_ arguments: [String], environment: [String: String] = [:], fileSizeLimit: Int? = nil) throws -> (Process, Int, LogReader) {
        let process = Process()
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let serve = ["serve", "--http", "127.0.0.1:0", "--line", "127.0.0.1:0"] + arguments
        if let fileSizeLimit {
            process.executableURL = URL(filePath: "/bin/bash")
            process.arguments = ["-c", "ulimit -f \(fileSizeLimit); exec \"$@\"", "serve", CommandRunner.binary.path] + serve
        } else {
            process.executableURL = CommandRunner.binary
            process.arguments = serve
        }
        process.currentDirectoryURL = CommandRunner.packageRoot
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = Pipe()
        try process.run()
        let log = LogReader(stderr.fileHandleForReading)
        let line = try #require(log.nextLine())
        log.first = line
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["event"] as? String == "listening" && object["level"] as? String == "info")
        return (process, try #require(object["http_port"] as? Int), log)
    }

    static func message(_ port: Int, _ session: String, _ text: String) -> String {
        let body = #"{"session":"\#(session)","text":"\#(text)"}"#
        return http(port, "POST /v1/messages HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
    }

    @Test("with --sessions, every answered session survives kill -9 and a restart")
    func durability() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "rw-sessions-\(UUID().uuidString)").path
        defer { unlink(path) }
        let (first, port, _) = try Self.start(["--sessions", path])
        let sessions = (0..<30).map { "s\($0)" }
        // Background load while the sessions under test get their answers.
        let load = Thread { for index in 0..<200 { _ = Self.message(port, "load\(index % 7)", "ik heb een vraag over zorg") } }
        load.start()
        for session in sessions {
            _ = Self.message(port, session, "ik heb een vraag over zorg")
            #expect(Self.message(port, session, "anders").contains(#""step":"gevaar""#))
        }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let (second, newPort, _) = try Self.start(["--sessions", path])
        defer {
            second.terminate()
            second.waitUntilExit()
        }
        for session in sessions {
            #expect(Self.message(newPort, session, "nee").contains(#""step":"minderjarig""#), "\(session) lost")
        }
    }
}

extension ServeTests {
    @Test("SIGHUP with broken content keeps serving the old content and logs why; --log-messages logs text")
    func reloadFailure() throws {
        let dialogs = FileManager.default.temporaryDirectory.appending(path: "rw-dialogs-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: CommandRunner.packageRoot.appending(path: "Dialogs"), to: dialogs)
        defer { try? FileManager.default.removeItem(at: dialogs) }
        let (process, port, log) = try Self.start(["--dialogs", dialogs.path, "--log-messages"])
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(Self.message(port, "r", "ik heb een vraag over zorg").contains("200 OK"))
        #expect(log.nextLine()?.contains(#""text":"ik heb een vraag over zorg""#) == true)
        try Data("kapot".utf8).write(to: dialogs.appending(path: "intake.md"))
        kill(process.processIdentifier, SIGHUP)
        let failure = try #require(log.nextLine())
        #expect(failure.contains(#""level":"error""#) && failure.contains("reload failed") && failure.contains("intake.md:1"))
        #expect(Self.message(port, "r", "anders").contains(#""step":"gevaar""#))
    }
}

extension ServeTests {
    @Test("options can come from ROUTEWIJZER_* variables: a token and a body limit")
    func environmentOptions() throws {
        let (process, port, _) = try Self.start([], environment: ["ROUTEWIJZER_TOKEN": "geheim", "ROUTEWIJZER_MAX_BODY_BYTES": "64"])
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        #expect(Self.message(port, "e", "hoi").hasPrefix("HTTP/1.1 401 "))
        let body = #"{"session":"e","text":"\#(String(repeating: "a", count: 100))"}"#
        let tooLarge = Self.http(port, "POST /v1/messages HTTP/1.0\r\nAuthorization: Bearer geheim\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
        #expect(tooLarge.hasPrefix("HTTP/1.1 413 "))
    }

    @Test("an empty token is a usage error, never authentication turned off")
    func emptyToken() throws {
        for (arguments, environment) in [(["--token", ""], [String: String]()), (["--token", "a,,b"], [:]), ([], ["ROUTEWIJZER_TOKEN": ""])] {
            let output = try CommandRunner.run(["serve", "--http", "127.0.0.1:0", "--line", "127.0.0.1:0"] + arguments, environment: environment)
            #expect(output.status == 2 && output.stderr.contains("has an empty token"), "\(arguments) \(environment)")
        }
    }

    @Test("repeated --token options add up, and with --sessions a token keeps its own sessions across a restart with other tokens")
    func tokensAcrossRestarts() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "rw-tokens-\(UUID().uuidString)").path
        defer { unlink(path) }
        func message(_ port: Int, _ token: String, _ text: String) -> String {
            let body = #"{"session":"s1","text":"\#(text)"}"#
            return Self.http(port, "POST /v1/messages HTTP/1.0\r\nAuthorization: Bearer \(token)\r\nContent-Type: application/json\r\n"
                             + "Content-Length: \(body.utf8.count)\r\n\r\n" + body)
        }
        let (first, port, _) = try Self.start(["--sessions", path, "--token", "aaa", "--token", "bbb"])
        // The two clients' sessions of one name stand at different questions.
        _ = message(port, "aaa", "ik heb een vraag over zorg")
        _ = message(port, "aaa", "anders")
        #expect(message(port, "aaa", "nee").contains(#""step":"minderjarig""#))
        #expect(message(port, "bbb", "ik heb een vraag over zorg").contains("Gaat het om een van deze?"))
        first.terminate()
        first.waitUntilExit()
        let (second, newPort, _) = try Self.start(["--sessions", path, "--token", "bbb"])
        defer {
            second.terminate()
            second.waitUntilExit()
        }
        #expect(message(newPort, "aaa", "nee").hasPrefix("HTTP/1.1 401 "))
        #expect(message(newPort, "bbb", "anders").contains(#""step":"gevaar""#), "bbb did not get its own session back")
    }

    @Test("a --sessions file that is not a journal (a README) is refused with a clear error and left unchanged")
    func notAJournal() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "rw-readme-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: path) }
        let readme = try Data(contentsOf: CommandRunner.packageRoot.appending(path: "README.md"))
        try readme.write(to: path)
        let output = try CommandRunner.run(["serve", "--http", "127.0.0.1:0", "--line", "127.0.0.1:0", "--sessions", path.path])
        #expect(output.status == 1 && output.stderr.contains("is not a Routewijzer session journal"))
        #expect(try Data(contentsOf: path) == readme)
    }

    @Test("a limit that is not a positive number is a usage error")
    func badLimit() throws {
        let output = try CommandRunner.run(["serve", "--max-line-bytes", "0"])
        #expect(output.status == 2 && output.stderr.contains("--max-line-bytes needs a positive whole number"))
        let output2 = try CommandRunner.run(["serve", "--max-output-bytes", "-1"])
        #expect(output2.status == 2 && output2.stderr.contains("--max-output-bytes needs a positive whole number"))
    }

    @Test("--cors-origin from the command line or ROUTEWIJZER_CORS_ORIGIN answers a browser's preflight")
    func corsOption() throws {
        for (arguments, environment) in [(["--cors-origin", "https://balie.example"], [String: String]()),
                                         ([], ["ROUTEWIJZER_CORS_ORIGIN": "https://andere.example,https://balie.example"])] {
            let (process, port, _) = try Self.start(arguments + ["--max-output-bytes", "4096"], environment: environment)
            defer { process.terminate(); process.waitUntilExit() }
            let preflight = Self.http(port, "OPTIONS /v1/messages HTTP/1.0\r\nOrigin: https://balie.example\r\n"
                                      + "Access-Control-Request-Method: POST\r\n\r\n")
            #expect(preflight.hasPrefix("HTTP/1.1 204") && preflight.contains("Access-Control-Allow-Origin: https://balie.example"))
        }
    }
}
