import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two `routewijzer serve` instances sharing one real redis-server (skipped, with the reason, without one).
@Suite("serve with sessions in Redis", .serialized, .enabled(if: RedisProcess.skipReason == nil, Comment(rawValue: RedisProcess.skipReason ?? "")))
struct RedisServeTests {
    static let conversation = ["ik zorg voor mijn moeder van 82 en het wordt me te veel", "nee", "ja", "ja", "nee"]

    /// The `"state":{"flow","step"}` of an answer, and its status line.
    static func state(_ reply: String) -> String {
        guard let range = reply.range(of: #""state":\{[^}]*\}"#, options: .regularExpression) else { return reply.prefix { $0 != "\r" }.description }
        return String(reply[range])
    }

    static func redisCLI(_ port: Int, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/redis-cli")
        process.arguments = ["-p", String(port)] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a conversation alternating between two instances goes as on one; one killed with -9, the other carries on")
    func twoInstances() throws {
        let redis = try #require(try RedisProcess())
        let sessions = ["--sessions", "redis://127.0.0.1:\(redis.port)"]
        let (first, firstPort, _) = try ServeTests.start(sessions)
        let (second, secondPort, _) = try ServeTests.start(sessions)
        defer { for process in [first, second] { process.terminate(); process.waitUntilExit() } }
        let alone = Self.conversation.map { Self.state(ServeTests.message(firstPort, "alleen", $0)) }
        let alternating = Self.conversation.enumerated().map { index, text in
            Self.state(ServeTests.message(index % 2 == 0 ? firstPort : secondPort, "samen", text))
        }
        #expect(alternating == alone)
        #expect(alone.allSatisfy { $0.hasPrefix(#""state":{"flow":"#) })

        _ = ServeTests.message(firstPort, "verder", Self.conversation[0])
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(Self.state(ServeTests.message(secondPort, "verder", Self.conversation[1])) == alone[1])
    }

    @Test("the idle time-to-live is Redis' own expiry, and 'vergeet mij' deletes the key before the answer (redis-cli)")
    func ttlAndErasure() throws {
        let redis = try #require(try RedisProcess())
        let (process, port, _) = try ServeTests.start(["--sessions", "redis://127.0.0.1:\(redis.port)", "--redis-prefix", "rw:", "--session-ttl", "600"])
        defer { process.terminate(); process.waitUntilExit() }
        _ = ServeTests.message(port, "wis", "ik heb schulden")
        let keys = try Self.redisCLI(redis.port, "--scan", "--pattern", "rw:*")
        #expect(keys.hasSuffix(":wis") && !keys.contains("\n"), "\(keys)")
        let ttl = Int(try Self.redisCLI(redis.port, "TTL", keys)) ?? 0
        #expect(ttl > 590 && ttl <= 600)
        #expect(ServeTests.message(port, "wis", "vergeet mij").contains("Er is niets van bewaard"))
        #expect(try Self.redisCLI(redis.port, "EXISTS", keys) == "0")
    }

    @Test("Redis stopped under load: 503 with Retry-After while it is away, no crash, answers again when it is back")
    func outage() throws {
        let redis = try #require(try RedisProcess())
        let (process, port, _) = try ServeTests.start(["--sessions", "redis://127.0.0.1:\(redis.port)", "--redis-timeout", "200"])
        defer { process.terminate(); process.waitUntilExit() }
        #expect(ServeTests.message(port, "a", "ik heb schulden").hasPrefix("HTTP/1.1 200 "))
        redis.kill()
        let during = (0..<20).map { ServeTests.message(port, "b\($0)", "ik heb schulden") }
        #expect(during.allSatisfy { $0.hasPrefix("HTTP/1.1 503 ") && $0.contains("Retry-After: 5") && $0.contains("storage_unavailable") })
        #expect(ServeTests.http(port, "GET /healthz HTTP/1.0\r\n\r\n").hasPrefix("HTTP/1.1 200 "))
        try redis.start()
        var back = false
        for _ in 0..<100 where !back {
            back = ServeTests.message(port, "c", "ik heb schulden").hasPrefix("HTTP/1.1 200 ")
            if !back { usleep(100_000) }
        }
        #expect(back && process.isRunning)
        let metrics = ServeTests.http(port, "GET /metrics HTTP/1.0\r\n\r\n")
        let refused = metrics.split(separator: "\n").first { $0.hasPrefix("routewijzer_session_store_errors_total ") }.flatMap { Int($0.split(separator: " ")[1]) }
        #expect((refused ?? 0) >= 20, "every refused turn is counted")
    }
}
