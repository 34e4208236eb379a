import Dialogue
import Foundation
import Synchronization
import Testing
import Wire
@testable import Server

/// The Redis session store against a real redis-server (skipped, with the reason, when none is installed).
@Suite("sessions in Redis", .serialized, .enabled(if: RedisProcess.skipReason == nil, Comment(rawValue: RedisProcess.skipReason ?? "")))
struct RedisTests {
    static func store(_ redis: RedisProcess, prefix: String = "test:", timeout: Double = 1) throws -> RedisSessionStore {
        RedisSessionStore(client: RedisClient(try RedisURL("redis://127.0.0.1:\(redis.port)"), timeout: timeout), prefix: prefix, idleSeconds: 1800)
    }

    @Test("a saved state loads back with its version; a save on a stale version is a conflict; removal deletes the key")
    func roundTrip() throws {
        let redis = try #require(try RedisProcess())
        let store = try Self.store(redis)
        #expect(store.load("a", now: 0) == .absent)
        var state = SessionState(seed: 7, now: 100)
        state.gemeente = "Tilburg"
        #expect(store.save(state, for: "a", replacing: 0, now: 100) == .saved)
        #expect(store.load("a", now: 100) == .found(state, version: 1))
        #expect(store.save(state, for: "a", replacing: 0, now: 100) == .conflict)
        #expect(store.save(state, for: "a", replacing: 1, now: 100) == .saved)
        #expect(try store.client.call(["TTL", "test:a"]) == .integer(1800), "Redis' own expiry is the idle time-to-live")
        #expect(store.remove("a", durably: true) == .saved)
        #expect(try store.client.call(["EXISTS", "test:a"]) == .integer(0))
        #expect(store.metricLines.contains("routewijzer_redis_conflicts_total 1"))
    }

    @Test("an instance reads a state another instance saved after its own, not the one it remembers")
    func newerStateFromAnotherInstance() throws {
        let redis = try #require(try RedisProcess())
        let (first, second) = (try Self.store(redis), try Self.store(redis))
        #expect(first.save(SessionState(seed: 1, now: 0), for: "k", replacing: 0, now: 0) == .saved)
        #expect(second.save(SessionState(seed: 2, now: 0), for: "k", replacing: 1, now: 0) == .saved)
        #expect(first.load("k", now: 0) == .found(SessionState(seed: 2, now: 0), version: 2))
        #expect(second.load("k", now: 0) == .found(SessionState(seed: 2, now: 0), version: 2))
    }

    @Test("two instances saving one session at once lose no save: each conflict is redone on the newer state")
    func concurrentSaves() throws {
        let redis = try #require(try RedisProcess())
        let stores = [try Self.store(redis), try Self.store(redis)]
        let rounds = 100
        DispatchQueue.concurrentPerform(iterations: 2) { instance in
            let store = stores[instance]
            for _ in 0..<rounds {
                while true {
                    var (state, version) = (SessionState(seed: 0, now: 0), UInt64(0))
                    if case .found(let found, let current) = store.load("teller", now: 0) { (state, version) = (found, current) }
                    state.seed += 1
                    if store.save(state, for: "teller", replacing: version, now: 0) == .saved { break }
                }
            }
        }
        guard case .found(let state, let version) = stores[0].load("teller", now: 0) else { Issue.record("no state"); return }
        #expect(state.seed == UInt64(2 * rounds) && version == UInt64(2 * rounds))
    }

    @Test("Redis away: calls fail at once with a reason and back off; when it is back, the same client recovers")
    func outageAndRecovery() throws {
        let redis = try #require(try RedisProcess())
        let store = try Self.store(redis, timeout: 0.5)
        #expect(store.save(SessionState(seed: 1, now: 0), for: "x", replacing: 0, now: 0) == .saved)
        redis.kill()
        guard case .failed = store.load("x", now: 0) else { Issue.record("a load without Redis must fail"); return }
        let start = Date()
        for _ in 0..<20 { if case .found = store.load("x", now: 0) { Issue.record("no Redis, no state") } }
        #expect(Date().timeIntervalSince(start) < 0.5, "during the backoff a call fails without waiting for a timeout")
        try redis.start()
        var recovered = false
        for _ in 0..<100 where !recovered {
            recovered = store.save(SessionState(seed: 2, now: 0), for: "y", replacing: 0, now: 0) == .saved
            if !recovered { usleep(50_000) }
        }
        #expect(recovered, "the client reconnects after its backoff, without a restart")
        #expect(store.metricLines.contains { $0.hasPrefix("routewijzer_redis_errors_total ") && !$0.hasSuffix(" 0") })
    }

    @Test("a turn against Redis that is down is 503 storage_unavailable with Retry-After, and counted")
    func applicationOutage() throws {
        let redis = try #require(try RedisProcess())
        let shared = try Self.store(redis, timeout: 0.3)
        let reasons = Mutex<[String]>([])
        let application = Application(engine: ApplicationTests.engine, store: SessionStore(), shared: shared, clock: { 0 }, monotonic: { 0 },
                                      storageErrorLog: { reason in reasons.withLock { $0.append(reason) } })
        let body = Array(#"{"session":"s","text":"ik heb schulden"}"#.utf8)
        let request = HTTPRequest(method: "POST", target: "/v1/messages", headers: [("content-type", "application/json")], body: body)
        #expect(application.respond(to: request).status == 200)
        redis.kill()
        let refused = application.respond(to: request)
        #expect(refused.status == 503 && refused.headers.contains("Retry-After: 5"))
        #expect(String(decoding: refused.body, as: UTF8.self).contains("storage_unavailable"))
        #expect(reasons.withLock { $0.count } == 1 && application.metrics.render(storeLines: []).contains("routewijzer_session_store_errors_total 1"))
        // A plain line session is the connection's own and never goes to Redis: it still works.
        #expect(String(decoding: application.answerLine(Array("hallo".utf8), connection: "c1"), as: UTF8.self).contains("\n"))
    }

    @Test("a password and a database in the address: AUTH and SELECT, pipelined when a connection opens; a wrong password is refused")
    func login() throws {
        let redis = try #require(try RedisProcess(options: ["--requirepass", "ge@heim"]))
        let client = RedisClient(try RedisURL("redis://:ge%40heim@127.0.0.1:\(redis.port)/3"), timeout: 1)
        let store = RedisSessionStore(client: client, prefix: "db3:", idleSeconds: 60)
        #expect(store.save(SessionState(seed: 5, now: 0), for: "k", replacing: 0, now: 0) == .saved)
        let admin = RedisClient(try RedisURL("redis://:ge%40heim@127.0.0.1:\(redis.port)/0"), timeout: 1)
        #expect(try admin.call(["EXISTS", "db3:k"]) == .integer(0), "nothing in database 0")
        #expect(try admin.call(["SELECT", "3"]) == .simple("OK"))
        #expect(try admin.call(["EXISTS", "db3:k"]) == .integer(1), "the key is in database 3")
        let wrong = RedisClient(try RedisURL("redis://:fout@127.0.0.1:\(redis.port)"), timeout: 1)
        #expect(throws: RedisError.self) { try wrong.call(["PING"]) }
        do { _ = try wrong.call(["PING"]) } catch { #expect(error.description.contains("login refused") || error.description.contains("unreachable")) }
    }

    @Test("the pool is bounded: with every connection busy, a call fails at once instead of opening another")
    func boundedPool() throws {
        let redis = try #require(try RedisProcess())
        let client = RedisClient(try RedisURL("redis://127.0.0.1:\(redis.port)"), timeout: 2, maximumConnections: 1)
        let busy = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            busy.signal()
            _ = try? client.call(["BLPOP", "niets", "1"])  // holds the only connection for a second
            done.signal()
        }
        busy.wait()
        usleep(200_000)
        #expect(throws: RedisError.self) { try client.call(["PING"]) }
        #expect(client.openConnections == 1)
        done.wait()
        #expect(try client.call(["PING"]) == .simple("PONG"), "the connection is free again")
    }

    @Test("redis:// and unix: addresses with login and database; rediss:// is refused with the reason")
    func urls() throws {
        let full = try RedisURL("redis://jan:ge%40heim@cache.local:6380/2")
        #expect(full.address == .tcp(host: "cache.local", port: 6380) && full.user == "jan" && full.password == "ge@heim" && full.database == 2)
        #expect(full.description == "redis://cache.local:6380/2", "the password never reaches a log")
        #expect(try RedisURL("redis://:wachtwoord@127.0.0.1").password == "wachtwoord")
        #expect(try RedisURL("redis://127.0.0.1").address == .tcp(host: "127.0.0.1", port: 6379))
        #expect(try RedisURL("unix:/run/redis.sock?db=3") == RedisURL("unix:/run/redis.sock?db=3"))
        #expect(try RedisURL("unix:/run/redis.sock?db=3").database == 3)
        #expect(throws: SocketError.self) { try RedisURL("rediss://x:1") }
        #expect(throws: SocketError.self) { try RedisURL("redis://x:notaport") }
        #expect(RedisURL.names("redis://x") && RedisURL.names("unix:/s") && !RedisURL.names("/var/lib/sessions.journal"))
    }
}
