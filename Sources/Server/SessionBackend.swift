import Dialogue

/// Where sessions live between turns: in this process (`SessionStore`, with or without a journal) or
/// in Redis, shared by several instances (`RedisSessionStore`). Every state carries a version, so two
/// turns of one session at once (on two event loops, or two instances) cannot both be saved: the
/// second finds the version moved on, and the turn is done again on the state the first left.
public protocol SessionBackend: AnyObject, Sendable {
    func load(_ key: String, now: Int64) -> SessionLoad
    /// Stores `state` when the session is still at `version` (0: it did not exist).
    func save(_ state: SessionState, for key: String, replacing version: UInt64, now: Int64) -> SessionSave
    /// Forgets `key`; `durably`: the answer that follows tells the person nothing was kept.
    func remove(_ key: String, durably: Bool) -> SessionSave
    /// Lines for `/metrics` in the Prometheus text format: what this store can tell cheaply.
    var metricLines: [String] { get }
}

public enum SessionLoad: Equatable, Sendable {
    case found(SessionState, version: UInt64)
    case absent
    /// The store could not be read; the reason is for the log (never message text).
    case failed(String)
}

public enum SessionSave: Equatable, Sendable {
    case saved
    /// Another turn saved the session first.
    case conflict
    case failed(String)
}
