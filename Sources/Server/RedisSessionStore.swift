#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dialogue
import Synchronization
import Wire

/// Sessions in Redis, shared by every instance of the server (`serve --sessions redis://…`).
///
/// Each session is one key, `<prefix><namespace>:<id>`, holding `<version>\n<state as JSON>`; its
/// idle time-to-live is Redis' own expiry, renewed by every save, so nothing needs sweeping. A save
/// is a small Lua script that writes only when the version is still the one the turn read, so two
/// instances answering one session at once cannot lose a turn: the later one is told, and redoes its
/// turn on the newer state.
public final class RedisSessionStore: SessionBackend {
    public let client: RedisClient
    public let prefix: String
    /// Seconds without a turn after which Redis drops a session.
    public let idleSeconds: Int64

    private struct Counts {
        var calls = 0
        var seconds = 0.0
        var errors = 0
        var conflicts = 0
    }

    private let counts = Mutex(Counts())
    /// The states this instance saved last, by key with their version: when Redis still holds that
    /// version, the state is taken from here instead of decoded again (decoding took a quarter of
    /// the server's time). Bounded; a full cache starts over.
    private let recent = Mutex<[String: (version: UInt64, state: SessionState)]>([:])
    public let recentLimit: Int
    /// The save script's SHA-1 as Redis reported it (`SCRIPT LOAD`), for `EVALSHA`.
    private let scriptHash = Mutex<String?>(nil)

    /// Writes the state only when the stored version is `ARGV[1]` (0: no session), with the expiry.
    static let saveScript = """
        local current = redis.call('GET', KEYS[1])
        local version = 0
        if current then version = tonumber(string.match(current, '^(%d+)\\n')) or 0 end
        if version ~= tonumber(ARGV[1]) then return 0 end
        redis.call('SET', KEYS[1], tostring(version + 1) .. '\\n' .. ARGV[2], 'EX', ARGV[3])
        return 1
        """

    public init(client: RedisClient, prefix: String = "routewijzer:", idleSeconds: Int64, recentLimit: Int = 10_000) {
        self.recentLimit = recentLimit
        self.client = client
        self.prefix = prefix
        self.idleSeconds = idleSeconds
    }

    public func load(_ key: String, now: Int64) -> SessionLoad {
        switch call(["GET", prefix + key]) {
        case .failure(let error): return .failed(error.description)
        case .success(.bulk(nil)): return .absent
        case .success(.bulk(let bytes?)):
            guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
                  let version = UInt64(String(decoding: bytes[..<newline], as: UTF8.self)) else {
                return .failed("the session in Redis is not a Routewijzer state")
            }
            if let known = recent.withLock({ $0[key] }), known.version == version { return .found(known.state, version: version) }
            guard let state = try? JSONDecoder().decode(SessionState.self, from: Data(bytes[(newline + 1)...])) else {
                return .failed("the session in Redis is not a Routewijzer state")
            }
            return .found(state, version: version)
        case .success(let other): return .failed("unexpected reply to GET: \(other)")
        }
    }

    public func save(_ state: SessionState, for key: String, replacing version: UInt64, now: Int64) -> SessionSave {
        let parameters: [[UInt8]] = [Array("1".utf8), Array((prefix + key).utf8), Array(String(version).utf8), state.json,
                                     Array(String(idleSeconds).utf8)]
        // The script by its hash once Redis has it (a restarted Redis has forgotten it: NOSCRIPT), else whole.
        var reply: Result<RESPValue, RedisError>
        if let hash = scriptHash.withLock({ $0 }) {
            reply = call([Array("EVALSHA".utf8), Array(hash.utf8)] + parameters)
            if case .failure(let error) = reply, error.description.contains("NOSCRIPT") {
                scriptHash.withLock { $0 = nil }
                reply = call([Array("EVAL".utf8), Array(Self.saveScript.utf8)] + parameters)
            }
        } else {
            reply = call([Array("EVAL".utf8), Array(Self.saveScript.utf8)] + parameters)
            if case .success = reply, case .success(let hash) = call(["SCRIPT", "LOAD", Self.saveScript]), let text = hash.text {
                scriptHash.withLock { $0 = text }
            }
        }
        switch reply {
        case .failure(let error): return .failed(error.description)
        case .success(.integer(1)):
            remember(key, version: version + 1, state: state)
            return .saved
        case .success(.integer(0)):
            counts.withLock { $0.conflicts += 1 }
            return .conflict
        case .success(let other): return .failed("unexpected reply to the save script: \(other)")
        }
    }

    /// Deletes the key: it is gone from Redis before the answer. Whether a copy stays on Redis' own
    /// disk depends on its persistence; docs/DEPLOY.md runs it without (sessions are short-lived).
    public func remove(_ key: String, durably: Bool) -> SessionSave {
        recent.withLock { $0[key] = nil }
        switch call(["DEL", prefix + key]) {
        case .failure(let error): return .failed(error.description)
        case .success(.integer): return .saved
        case .success(let other): return .failed("unexpected reply to DEL: \(other)")
        }
    }

    public var metricLines: [String] {
        let counts = self.counts.withLock { $0 }
        return [
            "# HELP routewijzer_redis_calls_total Calls to Redis.", "# TYPE routewijzer_redis_calls_total counter",
            "routewijzer_redis_calls_total \(counts.calls)",
            "# HELP routewijzer_redis_call_seconds_total Time spent in calls to Redis.", "# TYPE routewijzer_redis_call_seconds_total counter",
            "routewijzer_redis_call_seconds_total \(counts.seconds)",
            "# HELP routewijzer_redis_errors_total Calls to Redis that failed (unreachable, timeout, error reply).",
            "# TYPE routewijzer_redis_errors_total counter", "routewijzer_redis_errors_total \(counts.errors)",
            "# HELP routewijzer_redis_conflicts_total Saves that found the session changed by another turn (the turn was redone).",
            "# TYPE routewijzer_redis_conflicts_total counter", "routewijzer_redis_conflicts_total \(counts.conflicts)",
            "# HELP routewijzer_redis_connections Open connections to Redis.", "# TYPE routewijzer_redis_connections gauge",
            "routewijzer_redis_connections \(client.openConnections)",
        ]
    }

    private func remember(_ key: String, version: UInt64, state: SessionState) {
        recent.withLock { recent in
            if recent.count >= recentLimit && recent[key] == nil { recent.removeAll(keepingCapacity: true) }
            recent[key] = (version, state)
        }
    }

    private func call(_ arguments: [String]) -> Result<RESPValue, RedisError> {
        call(arguments.map { Array($0.utf8) })
    }

    /// One command, timed and counted; an error reply counts as a failure.
    private func call(_ arguments: [[UInt8]]) -> Result<RESPValue, RedisError> {
        let start = Server.monotonicSeconds()
        var result = Result { () throws(RedisError) in try client.call([RESP.command(arguments)])[0] }
        if case .success(.error(let message)) = result { result = .failure(RedisError(description: "Redis: \(message)")) }
        let elapsed = Server.monotonicSeconds() - start
        counts.withLock { counts in
            counts.calls += 1
            counts.seconds += elapsed
            if case .failure = result { counts.errors += 1 }
        }
        return result
    }
}
