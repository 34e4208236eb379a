import Dialogue
import DutchText
import Synchronization
import Wire

/// What the servers answer, without sockets: line-protocol messages and HTTP requests in, bytes and
/// responses out. Tests drive it directly; the event loops drive it from the network.
public final class Application: Sendable {
    public static let maximumSessionIDLength = 128

    private let engine: Mutex<Engine>
    /// Sessions in this process: a connection's own, and every session when there is no `shared` store.
    public let store: SessionStore
    /// Where sessions named by clients live: `shared` (Redis) when given, else `store`.
    let sessions: any SessionBackend
    public let metrics = Metrics()
    /// Bearer tokens; empty means no authentication. A session lives in its token's namespace.
    let tokens: [[UInt8]]
    let openAPI: [UInt8]
    let clock: @Sendable () -> Int64
    let monotonic: @Sendable () -> Double
    /// Called after every turn with the session key, the message text and the turn, when message
    /// logging was asked for (`--log-messages`); nil by default, so no text is ever logged.
    let messageLog: (@Sendable (String, String, Turn) -> Void)?
    /// Called with the reason when the journal refused a session's state (no message text).
    let storageErrorLog: (@Sendable (String) -> Void)?
    /// Web origins allowed to call the webhook from a browser (`--cors-origin`; "*" for any).
    let corsOrigins: [String]
    /// The gemeente of a new session (`--gemeente`: a help desk serves its own); a request may name another.
    let gemeente: String?
    /// Whether the chat page may talk to a server that needs tokens (`--public-page`).
    let publicPage: Bool
    /// Origins that may show the page in a frame (`--frame-ancestors`); none by default.
    let frameAncestors: [String]

    public init(engine: Engine, store: SessionStore, shared: (any SessionBackend)? = nil, tokens: [String] = [], openAPI: String = "",
                clock: @escaping @Sendable () -> Int64, monotonic: @escaping @Sendable () -> Double,
                messageLog: (@Sendable (String, String, Turn) -> Void)? = nil,
                storageErrorLog: (@Sendable (String) -> Void)? = nil, corsOrigins: [String] = [], gemeente: String? = nil,
                publicPage: Bool = false, frameAncestors: [String] = []) {
        self.gemeente = gemeente
        self.publicPage = publicPage
        self.frameAncestors = frameAncestors
        self.messageLog = messageLog
        self.corsOrigins = corsOrigins
        self.storageErrorLog = storageErrorLog
        self.engine = Mutex(engine)
        self.store = store
        sessions = shared ?? store
        self.tokens = tokens.map { Array($0.utf8) }
        self.openAPI = Array(openAPI.utf8)
        self.clock = clock
        self.monotonic = monotonic
    }

    /// Replaces the content for the turns that follow (SIGHUP); sessions stay.
    public func replace(_ engine: Engine) {
        self.engine.withLock { $0 = engine }
    }

    /// One turn of session `key`: the state comes from the store and goes back unless the
    /// conversation ended or the person asked to be forgotten. When another turn of the session was
    /// saved meanwhile (two messages at once, on two loops or two instances), the turn is done again
    /// on the newer state: the engine is a pure function, so nothing is said twice. Nil when the
    /// store failed (a full disk, Redis away): the turn is not acknowledged, and the reason is
    /// counted and logged.
    public func turn(_ key: String, text: String, gemeente: String? = nil) -> Turn? {
        let engine = self.engine.withLock { $0 }
        let backend: any SessionBackend = SessionKey.isDurable(key) ? sessions : store
        let start = monotonic()
        for _ in 0..<Self.attempts {
            let now = clock()
            var state: SessionState, version: UInt64
            switch backend.load(key, now: now) {
            case .found(let found, let current): (state, version) = (found, current)
            case .absent: (state, version) = (engine.newSession(seed: Self.seed(key, now), now: now, gemeente: self.gemeente), 0)
            case .failed(let reason): return storageFailed(reason)
            }
            if let gemeente { state.gemeente = gemeente }
            let turn = engine.reply(to: text, in: state, now: now)
            // "vergeet mij" is told nothing was kept, so its wipe is made durable first; an ended
            // conversation's goes with the store's next sync, without holding up other turns.
            let saved = turn.ended || turn.erased ? backend.remove(key, durably: turn.erased)
                                                  : backend.save(turn.state, for: key, replacing: version, now: now)
            switch saved {
            case .saved:
                metrics.turn(seconds: monotonic() - start, routes: turn.routes, safety: turn.safetyTriggered)
                messageLog?(key, text, turn)
                return turn
            case .conflict: continue
            case .failed(let reason): return storageFailed(reason)
            }
        }
        return storageFailed("the session changed under \(Self.attempts) attempts in a row")
    }

    /// Tries of one turn against a session that keeps changing under it.
    static let attempts = 5

    /// Counts and logs a store failure with its reason (never a message text); nil, for `turn`.
    @discardableResult
    func storageFailed(_ reason: String) -> Turn? {
        metrics.storeFailed()
        storageErrorLog?(reason)
        return nil
    }

    /// What a request says of the gemeente (`"gemeente": "Tilburg"`): nothing, a gemeente of the list
    /// (as the list writes it), or a name the list does not know, which the caller refuses.
    enum PlaceField: Equatable {
        case absent
        case known(String)
        case unknown

        var name: String? {
            if case .known(let name) = self { name } else { nil }
        }
    }

    func place(_ value: JSONValue?) -> PlaceField {
        guard let value, value != .null else { return .absent }
        guard let name = value.stringValue, let gemeente = engine.withLock({ $0.content.knowledge.gemeenten.named(name) }) else { return .unknown }
        return .known(gemeente.name)
    }

    static func seed(_ key: String, _ now: Int64) -> UInt64 {
        StableHash.fnv1a(key.utf8, seed: UInt64(bitPattern: now))
    }

    /// The namespace of a bearer token, compared in constant time against every token; nil when
    /// authentication is on and the header is missing or wrong. The scheme is case-insensitive
    /// (RFC 9110 §11.1). The namespace derives from the token itself, never from its place in the
    /// list, so a restart with fewer or reordered tokens never hands one client another's sessions.
    func namespace(authorization: String?) -> String? {
        guard !tokens.isEmpty else { return "" }
        guard let authorization, let space = authorization.firstIndex(of: " "),
              authorization[..<space].lowercased() == "bearer" else { return nil }
        let offered = Array(authorization[space...].drop { $0 == " " }.utf8)
        var match: [UInt8]?
        for token in tokens where Self.constantTimeEqual(offered, token) { match = token }
        return match.map(Self.namespace(of:))
    }

    /// A token's namespace: a hash of it, so the session keys in a journal do not hold the token.
    static func namespace(of token: [UInt8]) -> String {
        "t" + String(StableHash.fnv1a(token, seed: namespaceSeed), radix: 16)
    }

    /// Fixed, so a token's namespace is the same in every run that reads the journal.
    private static let namespaceSeed: UInt64 = 0x526f_7574_6577_696a

    /// Equal length and bytes, in time that depends only on the lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0
    }
}
