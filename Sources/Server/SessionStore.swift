import Dialogue
import Synchronization

/// Sessions in memory: an idle time-to-live and a maximum count with least-recently-used eviction.
///
/// Shared by every event loop; each turn holds the lock only while it reads or writes one session,
/// never while the engine runs, so loops do not wait on each other's turns.
public final class SessionStore: Sendable {
    public struct Limits: Sendable {
        /// Seconds without a turn after which a session is gone.
        public var idleSeconds: Int64 = 30 * 60
        public var maximumCount = 10_000

        public init() {}
    }

    private struct Entry {
        var state: SessionState
        var lastUsed: Int64
    }

    public let limits: Limits
    private let entries = Mutex<[String: Entry]>([:])

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// The live session `id`, or nil when it never existed, expired or was erased.
    public func state(_ id: String, now: Int64) -> SessionState? {
        entries.withLock { entries in
            guard let entry = entries[id] else { return nil }
            guard now - entry.lastUsed < limits.idleSeconds else {
                entries[id] = nil
                return nil
            }
            return entry.state
        }
    }

    /// Stores `state` for `id`, evicting the least recently used sessions beyond the maximum.
    public func store(_ state: SessionState, for id: String, now: Int64) {
        entries.withLock { entries in
            entries[id] = Entry(state: state, lastUsed: now)
            guard entries.count > limits.maximumCount else { return }
            // Evict a batch (1%) at once, so a full store does not sort on every new session.
            let excess = max(entries.count - limits.maximumCount, limits.maximumCount / 100)
            for key in entries.sorted(by: { $0.value.lastUsed < $1.value.lastUsed }).prefix(excess).map(\.key) {
                entries[key] = nil
            }
        }
    }

    /// Forgets `id`; true when it was there.
    @discardableResult
    public func erase(_ id: String) -> Bool {
        entries.withLock { $0.removeValue(forKey: id) != nil }
    }

    /// Drops every session idle for longer than the time-to-live; returns how many.
    @discardableResult
    public func expire(now: Int64) -> Int {
        entries.withLock { entries in
            let expired = entries.filter { now - $0.value.lastUsed >= limits.idleSeconds }.map(\.key)
            for key in expired { entries[key] = nil }
            return expired.count
        }
    }

    public var count: Int { entries.withLock { $0.count } }
}
