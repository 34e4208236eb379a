#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dialogue
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The durable session store: an append-only file of checksummed records.
///
/// Every change is written (`write(2)`) before the turn is answered, so it survives the process being
/// killed; `fsync` runs on a short batch interval, so a crash of the whole machine loses at most that
/// interval. Compaction rewrites the live sessions to a new file and renames it over the old one.
///
/// Erasing a session also wipes it from the file at once: every record that held it is overwritten,
/// in place, by a wiped record of the same length (zeros, a valid checksum), so what a person erased
/// is gone from disk before they are told so, and recovery still reads past it.
///
/// File: a header (`RWJ`, format version 3), then records. Record: magic `A5 5A`, `length: UInt32 LE`
/// (of the payload), `crc32: UInt32 LE` (of the payload), payload: `kind: UInt8` (4 put, 3 wiped),
/// `keyLength: UInt16 LE`, key, the state in its compact form (`SessionState.compact`, about a sixth
/// of its JSON); a wiped record holds zeros after its kind.
/// Recovery skips a damaged record and finds the next one by its magic and checksum; it reports what
/// it skipped, and cuts only a torn tail. A file that is not a journal is refused, untouched. A
/// journal of version 2 (the state as JSON, kind 1) or version 1 (no header or magic; kind 2 erased a
/// session) is read once and rewritten in the current version.
public final class SessionJournal: @unchecked Sendable {
    // @unchecked: the descriptor and counters are only touched with `lock` held.
    public static let defaultSyncInterval = 0.05

    private let path: String
    private let lock = Mutex(())
    private var fd: Int32
    /// The same file without O_APPEND: on Linux, `pwrite` to an O_APPEND descriptor appends.
    private var wipeFD: Int32
    /// Where each session's records are, to wipe them when it is erased: offset and whole length.
    private var records: [String: [(offset: Int, length: Int)]] = [:]
    /// While a compaction writes its file: the records appended since its snapshot, and the sessions
    /// erased since, to carry over before the new file takes the old one's place. Nil otherwise.
    private var sinceSnapshot: [(key: String, record: [UInt8])]?
    private var erasedSinceSnapshot: Set<String> = []
    private var bytesWritten = 0
    private var dirty = false
    /// Records of sessions forgotten without a promise (ended, expired, evicted), wiped by the next
    /// `sync()` on the maintenance thread instead of on the turn that ended them.
    private var pendingWipes: [(offset: Int, length: Int)] = []
    /// The latest record of each session when a compaction began; nil when none runs.
    private var compactionSnapshot: [(key: String, offset: Int, length: Int)]?

    /// What the last recovery found: damaged bytes it skipped between records, a torn tail it cut,
    /// and whether the file was of version 1 and rewritten. For the log.
    public struct RecoveryReport: Equatable, Sendable {
        public var skippedBytes = 0
        public var skippedStretches = 0
        public var cutBytes = 0
        public var upgraded = false

        /// Nothing skipped, cut or rewritten.
        public var isClean: Bool { self == RecoveryReport() }
    }

    public private(set) var lastRecovery = RecoveryReport()

    /// Opens (or creates) the journal. A file that holds something else is refused and left as it is.
    public init(path: String) throws(SocketError) {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SocketError("open \(path)") }
        // From here every stored property is set, so a throw still runs `deinit`, which closes both
        // descriptors: closing them here too would close whatever another thread opened meanwhile.
        wipeFD = open(path, O_WRONLY | O_CLOEXEC)
        guard wipeFD >= 0 else { throw SocketError("open \(path)") }
        let size = Int(lseek(fd, 0, SEEK_END))
        if size == 0 {
            Self.writeAll(Self.header, to: fd)
            bytesWritten = Self.header.count
        } else if !([Self.header, Self.headerVersion2].contains(Self.read(fd, count: Self.header.count)) || Self.isVersion1(fd)) {
            throw SocketError("\(path) is not a Routewijzer session journal; it was left unchanged (choose another --sessions file)")
        } else {
            bytesWritten = size
        }
    }

    deinit {
        close(fd)
        if wipeFD >= 0 { close(wipeFD) }
    }

    /// Reads every valid record; skips damage and finds the next record; cuts a torn tail.
    public func recover() -> [String: SessionState] {
        lock.withLock { _ in
            let data = Self.readAll(fd)
            records = [:]
            lastRecovery = RecoveryReport()
            let version2 = data.starts(with: Self.headerVersion2)
            if !data.starts(with: Self.header) && !version2 && !data.isEmpty { return upgradeVersion1(data) }
            var sessions: [String: SessionState] = [:]
            var offset = Self.header.count, end = offset
            let decoder = JSONDecoder()
            while offset < data.count {
                guard let (kind, key, state, next) = Self.record(in: data, at: offset) else {
                    // Damage: look for the next record; none means the tail was torn.
                    guard let found = Self.nextRecord(in: data, after: offset) else { break }
                    lastRecovery.skippedBytes += found - offset
                    lastRecovery.skippedStretches += 1
                    offset = found
                    continue
                }
                if kind == Self.put || kind == Self.putJSON {
                    sessions[key] = state.flatMap { Self.state(kind: kind, $0, decoder: decoder) }
                    records[key, default: []].append((offset, next - offset))
                }
                offset = next
                end = next
            }
            if version2 {
                // Rewritten with compact states; the torn tail, if any, is left behind with the old file.
                lastRecovery.cutBytes = data.count - end
                lastRecovery.upgraded = true
                rewrite(sessions)
                return sessions
            }
            if end < data.count {
                lastRecovery.cutBytes = data.count - end
                // When the cut fails the torn tail stays; appends go after it and the next recovery
                // skips it as damage, so nothing acknowledged is lost either way.
                if ftruncate(fd, off_t(end)) != 0 {
                    lastRecovery.cutBytes = 0
                    end = data.count
                }
            }
            bytesWritten = max(end, Self.header.count)
            return sessions
        }
    }

    /// The record at `offset`, or nil where none starts or it is damaged.
    static func record(in data: [UInt8], at offset: Int) -> (UInt8, String, ArraySlice<UInt8>?, Int)? {
        guard offset + recordHead <= data.count, data[offset] == recordMagic[0], data[offset + 1] == recordMagic[1] else { return nil }
        return payload(in: data, lengthAt: offset + 2).flatMap { kind, key, state, next in
            kind == put || kind == putJSON || kind == wiped ? (kind, key, state, next) : nil
        }
    }

    /// The first offset after `offset` where a whole valid record starts.
    static func nextRecord(in data: [UInt8], after offset: Int) -> Int? {
        var index = offset + 1
        while index + recordHead <= data.count {
            if data[index] == recordMagic[0], data[index + 1] == recordMagic[1], record(in: data, at: index) != nil { return index }
            index += 1
        }
        return nil
    }

    /// `length · crc · payload` at `offset`, checked: the kind, the key, the state and the end.
    private static func payload(in data: [UInt8], lengthAt offset: Int) -> (UInt8, String, ArraySlice<UInt8>?, Int)? {
        guard offset + 8 <= data.count else { return nil }
        let length = Int(UInt32(littleEndian: data[offset..<(offset + 4)].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }))
        let crc = UInt32(littleEndian: data[(offset + 4)..<(offset + 8)].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
        let start = offset + 8
        guard length >= 3, length <= data.count - start else { return nil }
        let payload = data[start..<(start + length)]
        guard CRC32.checksum(payload) == crc else { return nil }
        let kind = payload[start]
        if kind == wiped { return (kind, "", nil, start + length) }
        let keyLength = Int(payload[start + 1]) | Int(payload[start + 2]) << 8
        guard kind == put || kind == putJSON || kind == 2, 3 + keyLength <= length,
              let key = String(validating: payload[(start + 3)..<(start + 3 + keyLength)], as: UTF8.self) else { return nil }
        return (kind, key, kind == 2 ? nil : payload[(start + 3 + keyLength)...], start + length)
    }

    /// The state a put record holds, compact or (in older journals) JSON; nil when it does not read.
    private static func state(kind: UInt8, _ bytes: ArraySlice<UInt8>, decoder: JSONDecoder) -> SessionState? {
        kind == put ? SessionState(compact: bytes) : try? decoder.decode(SessionState.self, from: Data(bytes))
    }

    /// A version 1 journal: its records, then the file rewritten in the current format.
    private func upgradeVersion1(_ data: [UInt8]) -> [String: SessionState] {
        var sessions: [String: SessionState] = [:]
        var offset = 0
        let decoder = JSONDecoder()
        while let (kind, key, state, next) = Self.payload(in: data, lengthAt: offset) {
            switch kind {
            case Self.putJSON: sessions[key] = state.flatMap { Self.state(kind: kind, $0, decoder: decoder) }
            case 2: sessions[key] = nil
            default: break
            }
            offset = next
        }
        lastRecovery.cutBytes = data.count - offset
        lastRecovery.upgraded = true
        rewrite(sessions)
        return sessions
    }

    /// Whether the file starts with a whole valid record of version 1.
    private static func isVersion1(_ fd: Int32) -> Bool {
        let head = read(fd, count: 8)
        guard head.count == 8 else { return false }
        let length = Int(UInt32(littleEndian: head[0..<4].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }))
        guard length >= 3, length <= 1 << 24 else { return false }
        let record = read(fd, count: 8 + length)
        return record.count == 8 + length && payload(in: record, lengthAt: 0) != nil
    }

    static let header: [UInt8] = [0x52, 0x57, 0x4A, 0x03]
    /// The header of version 2, whose puts held JSON.
    static let headerVersion2: [UInt8] = [0x52, 0x57, 0x4A, 0x02]
    static let recordMagic: [UInt8] = [0xA5, 0x5A]
    /// Magic, length and checksum.
    static let recordHead = 10

    static let wiped: UInt8 = 3
    /// A put with the state in its compact form; a put with JSON (versions 1 and 2).
    static let put: UInt8 = 4
    static let putJSON: UInt8 = 1

    /// A wiped record of `length` bytes in all (at least the 13 of one with an empty key).
    static func wipedRecord(length: Int) -> [UInt8] {
        framed([wiped] + [UInt8](repeating: 0, count: max(length - recordHead - 1, 0)))
    }

    static func encode(kind: UInt8, key: String, state: [UInt8]) -> [UInt8] {
        let keyBytes = Array(key.utf8.prefix(Int(UInt16.max)))
        var payload: [UInt8] = [kind, UInt8(keyBytes.count & 0xFF), UInt8(keyBytes.count >> 8)]
        payload += keyBytes
        payload += state
        return framed(payload)
    }

    /// Magic, length, checksum, payload.
    private static func framed(_ payload: [UInt8]) -> [UInt8] {
        var record = recordMagic
        withUnsafeBytes(of: UInt32(payload.count).littleEndian) { record += $0 }
        withUnsafeBytes(of: CRC32.checksum(payload).littleEndian) { record += $0 }
        return record + payload
    }

    private static func read(_ fd: Int32, count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, 0) }
        return Array(bytes.prefix(max(got, 0)))
    }

    private static func readAll(_ fd: Int32) -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            guard count > 0 else { break }
            data += buffer[0..<count]
            offset += off_t(count)
        }
        return data
    }

    /// Writes `bytes`; returns how many were written (fewer on an error).
    @discardableResult
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return offset }
            offset += written
        }
        return offset
    }

    /// Writes the session's new state; false when the file refused it (disk full, a file size limit):
    /// then nothing of it stays in the file, and the turn must not be acknowledged.
    @discardableResult
    public func put(_ key: String, _ state: SessionState) -> Bool {
        put(record(key, state), key: key)
    }

    /// The record that stores `state` under `key`. Pure and without the lock, so callers that must
    /// order their writes under a lock of their own can encode before they take it.
    public func record(_ key: String, _ state: SessionState) -> [UInt8] {
        Self.encode(kind: Self.put, key: key, state: state.compact)
    }

    /// Writes a record made by `record(_:_:)`; false when the file refused it, as `put(_:_:)`.
    public func put(_ record: [UInt8], key: String) -> Bool {
        append(record, key: key)
    }

    /// Why the last write failed (`strerror`), for the log; nil after a write that succeeded.
    public private(set) var lastWriteError: String?

    /// Wipes every record of `key` in place: with no record left, recovery finds no such session,
    /// and not even its name stays on disk once the file is synced (`sync()`, at the latest by the
    /// next upkeep). False when a wipe failed (`lastWriteError` says why); the records not wiped stay
    /// listed, so erasing again retries them, and compaction, which keeps live sessions only, drops
    /// them in any case.
    public func erase(_ key: String) -> Bool {
        lock.withLock { _ in
            if sinceSnapshot != nil {
                sinceSnapshot!.removeAll { $0.key == key }
                erasedSinceSnapshot.insert(key)
            }
            dirty = true
            let left = (records.removeValue(forKey: key) ?? []).filter { !Self.wipe($0, in: wipeFD) }
            guard left.isEmpty else {
                records[key] = left
                lastWriteError = String(cString: strerror(errno))
                return false
            }
            return true
        }
    }

    /// Forgets `key` like `erase`, but leaves the wiping of its records to the next `sync()` (within
    /// the sync interval): for sessions nobody was promised were wiped (an ended conversation, an
    /// expired or evicted one), so the turn that ends one does not wait for the disk.
    public func forget(_ key: String) {
        lock.withLock { _ in
            if sinceSnapshot != nil {
                sinceSnapshot!.removeAll { $0.key == key }
                erasedSinceSnapshot.insert(key)
            }
            pendingWipes += records.removeValue(forKey: key) ?? []
        }
    }

    /// Overwrites one record with a wiped record of the same length; false when the file refused it.
    private static func wipe(_ record: (offset: Int, length: Int), in fd: Int32) -> Bool {
        let bytes = wipedRecord(length: record.length)
        return bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(record.offset)) } == record.length
    }

    /// Appends a put record and remembers its place under `key`, for wiping. A record that could not
    /// be written whole is cut off again, so the file ends at the last whole record.
    private func append(_ record: [UInt8], key: String) -> Bool {
        lock.withLock { _ in
            var offset = 0
            while offset < record.count {
                let written = record.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    lastWriteError = String(cString: strerror(written < 0 ? errno : ENOSPC))
                    // When the cut fails too, the torn piece stays (recovery skips it as damage) and
                    // the file's end, where appends go, moves past it.
                    if ftruncate(fd, off_t(bytesWritten)) != 0 { bytesWritten += offset }
                    return false
                }
                offset += written
            }
            records[key, default: []].append((bytesWritten, record.count))
            sinceSnapshot?.append((key, record))
            bytesWritten += record.count
            dirty = true
            lastWriteError = nil
            return true
        }
    }

    /// Makes written records and wipes durable; called on the batch interval, at shutdown and before
    /// an erasure is confirmed. False when the file could not be synced (`lastWriteError` says why);
    /// the next call tries again.
    public func sync() -> Bool {
        // Wipes and the sync go through a duplicate of the descriptor, outside the lock: appends go
        // on meanwhile (a sync can take milliseconds). A compaction that replaces the file in the
        // meantime has left the forgotten sessions out of the new file, and synced it itself.
        let (duplicate, wipes): (Int32?, [(offset: Int, length: Int)]) = lock.withLock { _ in
            guard dirty || !pendingWipes.isEmpty else { return (nil, []) }
            dirty = false
            defer { pendingWipes = [] }
            return (dup(wipeFD), pendingWipes)
        }
        guard let duplicate else { return true }
        let failed = duplicate >= 0 ? wipes.filter { !Self.wipe($0, in: duplicate) } : wipes
        let synced = duplicate >= 0 && failed.isEmpty && fdatasync(duplicate) == 0
        let reason = synced ? nil : String(cString: strerror(errno))
        if duplicate >= 0 { close(duplicate) }
        if let reason {
            lock.withLock { _ in
                dirty = true
                pendingWipes += failed
                lastWriteError = reason
            }
        }
        return synced
    }

    /// Size of the file in bytes.
    public var size: Int { lock.withLock { _ in bytesWritten } }

    /// Rewrites the journal with the latest record of every session it still lists, copied as it is
    /// (no state is encoded again): written to a temporary file without holding the journal, so turns
    /// go on meanwhile, then the changes made since the snapshot are added, and the file is synced
    /// and renamed over the old one. The sessions listed are the live ones: erasing, forgetting and
    /// expiring all take a session off the list.
    public func compact() {
        let snapshot: [(key: String, offset: Int, length: Int)] = lock.withLock { _ in
            if compactionSnapshot == nil { startCompaction() }
            return compactionSnapshot ?? []
        }
        guard let written = copyRecords(snapshot, to: path + ".compact") else {
            lock.withLock { _ in endCompaction() }
            return
        }
        lock.withLock { _ in finish(written) }
    }

    /// Marks the moment of the snapshot: what is appended or erased from now on is kept aside for
    /// the compacted file.
    public func beginCompaction() {
        lock.withLock { _ in startCompaction() }
    }

    /// With the lock held: the latest record of each listed session, and a fresh list of changes.
    private func startCompaction() {
        sinceSnapshot = []
        compactionSnapshot = records.compactMap { key, list in list.last.map { (key, $0.offset, $0.length) } }
    }

    /// A new journal file with the records at `snapshot`, read from the current file and synced.
    /// A record wiped while it is read comes out damaged or wiped; its session is erased, so
    /// `finish` wipes it in the new file too.
    private func copyRecords(_ snapshot: [(key: String, offset: Int, length: Int)], to temporary: String)
        -> (fd: Int32, path: String, size: Int, positions: [String: [(offset: Int, length: Int)]])? {
        let source = open(path, O_RDONLY | O_CLOEXEC)
        guard source >= 0 else { return nil }
        defer { close(source) }
        let out = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard out >= 0 else { return nil }
        var bytes = Self.header
        bytes.reserveCapacity(Self.header.count + snapshot.reduce(0) { $0 + $1.length })
        var positions: [String: [(offset: Int, length: Int)]] = [:]
        // In file order, through a window of a megabyte: one read per megabyte of journal, not one per
        // session (records are small, so a compaction of 10,000 sessions made 10,000 system calls).
        var window = Window(fd: source)
        for record in snapshot.sorted(by: { $0.offset < $1.offset }) {
            guard let slice = window.bytes(at: record.offset, count: record.length) else { continue }
            positions[record.key] = [(bytes.count, record.length)]
            bytes += slice
        }
        guard Self.writeAll(bytes, to: out) == bytes.count else {
            close(out)
            unlink(temporary)
            return nil
        }
        return (out, temporary, bytes.count, positions)
    }

    /// `compact` with the lock already held (recovery's upgrade): nothing runs meanwhile.
    private func rewrite(_ live: [String: SessionState]) {
        sinceSnapshot = []
        guard let written = Self.writeSnapshot(live, to: path + ".compact") else { return endCompaction() }
        finish(written)
    }

    /// A new journal file with `live` sessions, synced: its descriptor, path, size and where each
    /// session's record is. Touches no state of the journal.
    private static func writeSnapshot(_ live: [String: SessionState], to temporary: String)
        -> (fd: Int32, path: String, size: Int, positions: [String: [(offset: Int, length: Int)]])? {
        let out = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard out >= 0 else { return nil }
        var bytes = header
        var positions: [String: [(offset: Int, length: Int)]] = [:]
        for (key, state) in live.sorted(by: { $0.key < $1.key }) {
            let record = encode(kind: put, key: key, state: state.compact)
            positions[key] = [(bytes.count, record.count)]
            bytes += record
        }
        guard writeAll(bytes, to: out) == bytes.count else {
            close(out)
            unlink(temporary)
            return nil
        }
        return (out, temporary, bytes.count, positions)
    }

    /// With the lock held: wipes what was erased since the snapshot, adds what was written since,
    /// syncs, and puts the new file in place of the old one.
    private func finish(_ written: (fd: Int32, path: String, size: Int, positions: [String: [(offset: Int, length: Int)]])) {
        var (out, temporary, size, positions) = written
        // A new file that still holds something erased is never put in place.
        var wiped = true
        for key in erasedSinceSnapshot {
            for record in positions.removeValue(forKey: key) ?? [] { wiped = Self.wipe(record, in: out) && wiped }
        }
        var appended: [UInt8] = []
        for (key, record) in sinceSnapshot ?? [] {
            positions[key, default: []].append((size + appended.count, record.count))
            appended += record
        }
        defer { endCompaction() }
        guard wiped, pwriteAll(appended, to: out, at: size), fsync(out) == 0, rename(temporary, path) == 0 else {
            close(out)
            unlink(temporary)
            return
        }
        close(out)
        close(fd)
        close(wipeFD)
        fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC, 0o600)
        wipeFD = open(path, O_WRONLY | O_CLOEXEC)
        records = positions
        bytesWritten = size + appended.count
        dirty = false
        // Their sessions are not in the new file; their offsets were the old file's.
        pendingWipes = []
    }

    private func endCompaction() {
        sinceSnapshot = nil
        compactionSnapshot = nil
        erasedSinceSnapshot = []
    }

    /// Sequential reads of a file through a buffer, for compaction.
    private struct Window {
        static let size = 1 << 20
        let fd: Int32
        var start = 0
        var buffer: [UInt8] = []

        init(fd: Int32) { self.fd = fd }

        /// `count` bytes at `offset`, or nil where the file ends before them.
        mutating func bytes(at offset: Int, count: Int) -> ArraySlice<UInt8>? {
            if offset < start || offset + count > start + buffer.count {
                start = offset
                buffer = [UInt8](repeating: 0, count: max(Self.size, count))
                var filled = 0
                while filled < buffer.count {
                    let read = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, $0.count - filled, off_t(offset + filled)) }
                    if read < 0 && errno == EINTR { continue }
                    guard read > 0 else { break }
                    filled += read
                }
                buffer.removeLast(buffer.count - filled)
            }
            guard offset + count <= start + buffer.count else { return nil }
            return buffer[(offset - start)..<(offset - start + count)]
        }
    }

    private func pwriteAll(_ bytes: [UInt8], to fd: Int32, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count {
            let written = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress! + done, $0.count - done, off_t(offset + done)) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            done += written
        }
        return true
    }
}
