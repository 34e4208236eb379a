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
        /// Counts the saves of this session, for `SessionBackend`'s check.
        var version: UInt64 = 1
    }

    public let limits: Limits
    private let entries = Mutex<[String: Entry]>([:])
    /// Where changes go when sessions must survive a restart.
    public let journal: SessionJournal?
    private let compactedSize = Atomic<Int>(0)
    private let compactionCount = Atomic<Int>(0)
    /// Journal compactions since start, for `/metrics`.
    public var compactions: Int { compactionCount.load(ordering: .relaxed) }

    public init(limits: Limits = Limits(), journal: SessionJournal? = nil, now: Int64 = 0) {
        self.limits = limits
        self.journal = journal
        guard let journal else { return }
        let recovered = journal.recover()
        entries.withLock { entries in
            // Connection sessions were never meant to outlive their connection (older journals may hold some).
            for (key, state) in recovered {
                if SessionKey.isDurable(key) && now - state.lastActive < limits.idleSeconds {
                    entries[key] = Entry(state: state, lastUsed: state.lastActive)
                } else {
                    // Off the journal's list too, so the compaction below leaves it out.
                    journal.forget(key)
                }
            }
        }
        compact()
    }

    /// The live session `id`, or nil when it never existed, expired or was erased.
    public func state(_ id: String, now: Int64) -> SessionState? {
        entries.withLock { entries in
            guard let entry = entries[id] else { return nil }
            guard now - entry.lastUsed < limits.idleSeconds else {
                entries[id] = nil
                journal(for: id)?.forget(id)
                return nil
            }
            return entry.state
        }
    }

    /// Stores `state` for `id`, evicting the least recently used sessions beyond the maximum. The
    /// journal comes first: when it cannot take the state, the session stays as it was and this
    /// returns false, so the turn is not acknowledged.
    @discardableResult
    public func store(_ state: SessionState, for id: String, now: Int64) -> Bool {
        write(state, for: id, replacing: nil, now: now) == .saved
    }

    /// Stores `state` when the session is at `version` (any version when nil). Encoded before the
    /// lock, so the event loops encode in parallel; written under it, so the journal holds each
    /// session's changes in the order the store took them.
    private func write(_ state: SessionState, for key: String, replacing version: UInt64?, now: Int64) -> SessionSave {
        let journal = journal(for: key)
        let record = journal?.record(key, state)
        return entries.withLock { entries in
            let current = entries[key]?.version ?? 0
            if let version, version != current { return .conflict }
            if let journal, let record, !journal.put(record, key: key) { return .failed(journal.lastWriteError ?? "journal write failed") }
            entries[key] = Entry(state: state, lastUsed: now, version: current + 1)
            evict(&entries)
            return .saved
        }
    }

    /// Evicts a batch of the least recently used sessions when there are more than the maximum.
    private func evict(_ entries: inout [String: Entry]) {
        guard entries.count > limits.maximumCount else { return }
        // Evict a batch (1%) at once, so a full store does not sort on every new session.
        let excess = max(entries.count - limits.maximumCount, limits.maximumCount / 100)
        for key in entries.sorted(by: { $0.value.lastUsed < $1.value.lastUsed }).prefix(excess).map(\.key) {
            entries[key] = nil
            journal(for: key)?.forget(key)
        }
    }

    /// Forgets `id` (an ended conversation, "vergeet mij", DELETE), also wiping it from the journal.
    /// With `durably` the wipe is done and synced before this returns, so an answer that says nothing
    /// was kept is true; an ended conversation's is done by the next upkeep, off the turn. False when the
    /// journal could not wipe or sync (`journal.lastWriteError` says why): then the answer must not
    /// say it is gone, and erasing again retries.
    public func erase(_ id: String, durably: Bool) -> Bool {
        let journal = journal(for: id)
        // The wipe under the store's lock, so no turn of `id` can come between; the sync after it.
        let wiped = entries.withLock { entries in
            entries.removeValue(forKey: id)
            guard durably else {
                journal?.forget(id)
                return true
            }
            return journal?.erase(id) ?? true
        }
        guard wiped, durably, let journal else { return wiped }
        return journal.sync()
    }

    /// Drops every session idle for longer than the time-to-live; returns how many.
    @discardableResult
    public func expire(now: Int64) -> Int {
        entries.withLock { entries in
            let expired = entries.filter { now - $0.value.lastUsed >= limits.idleSeconds }.map(\.key)
            for key in expired {
                entries[key] = nil
                journal(for: key)?.forget(key)
            }
            return expired.count
        }
    }

    public var count: Int { entries.withLock { $0.count } }

    /// The journal for session `key`: none for a connection's own session, which never reaches disk.
    private func journal(for key: String) -> SessionJournal? {
        SessionKey.isDurable(key) ? journal : nil
    }

    /// Periodic upkeep: expire idle sessions, make the journal durable, and compact it once it has
    /// grown to three times its size after the last compaction (and at least 64 KiB). False when the
    /// journal could not be synced (`journal.lastWriteError` says why), for the log.
    public func maintain(now: Int64) -> Bool {
        expire(now: now)
        guard let journal else { return true }
        let synced = journal.sync()
        if journal.size > max(64 * 1024, 3 * compactedSize.load(ordering: .relaxed)) { compact() }
        return synced
    }

    /// Rewrites the journal with the live sessions only: the journal lists exactly them, since every
    /// way a session leaves the store (erasure, expiry, eviction) takes it off the journal's list.
    public func compact() {
        guard let journal else { return }
        journal.compact()
        compactedSize.store(journal.size, ordering: .relaxed)
        compactionCount.add(1, ordering: .relaxed)
    }
}

extension SessionStore: SessionBackend {
    public func load(_ key: String, now: Int64) -> SessionLoad {
        guard let state = state(key, now: now) else { return .absent }
        return .found(state, version: entries.withLock { $0[key]?.version ?? 0 })
    }

    public func save(_ state: SessionState, for key: String, replacing version: UInt64, now: Int64) -> SessionSave {
        write(state, for: key, replacing: version, now: now)
    }

    public func remove(_ key: String, durably: Bool) -> SessionSave {
        erase(key, durably: durably) ? .saved : .failed(journal?.lastWriteError ?? "journal wipe failed")
    }

    public var metricLines: [String] {
        var lines = ["# HELP routewijzer_sessions_active Sessions in memory.", "# TYPE routewijzer_sessions_active gauge",
                     "routewijzer_sessions_active \(count)"]
        if journal != nil {
            lines += ["# HELP routewijzer_journal_compactions_total Journal rewrites that kept live sessions only.",
                      "# TYPE routewijzer_journal_compactions_total counter", "routewijzer_journal_compactions_total \(compactions)"]
        }
        return lines
    }
}