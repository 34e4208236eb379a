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
/// interval. Recovery stops at the first torn or corrupt record and cuts the file there. Compaction
/// rewrites the live sessions to a new file and renames it over the old one.
///
/// Erasing a session also wipes it from the file at once: every record that held it is overwritten,
/// in place, by a wiped record of the same length (zeros, a valid checksum), so what a person erased
/// is gone from disk before they are told so, and recovery still reads past it.
///
/// Record: `length: UInt32 LE` (of the payload), `crc32: UInt32 LE` (of the payload), payload.
/// Payload: `kind: UInt8` (1 put, 3 wiped; 2, erase, only in journals of earlier versions), `keyLength:
/// UInt16 LE`, key, then the state as JSON; a wiped record holds zeros after its kind.
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
    private var bytesWritten = 0
    private var dirty = false
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    /// Opens (or creates) the journal; `recovered` holds the sessions it contained.
    public init(path: String) throws(SocketError) {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SocketError("open \(path)") }
        wipeFD = open(path, O_WRONLY | O_CLOEXEC)
        guard wipeFD >= 0 else {
            close(fd)
            throw SocketError("open \(path)")
        }
    }

    deinit {
        close(fd)
        close(wipeFD)
    }

    /// Reads every valid record from the start; truncates a torn or corrupt tail.
    public func recover() -> [String: SessionState] {
        lock.withLock { _ in
            var data: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            lseek(fd, 0, SEEK_SET)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                data += buffer[0..<count]
            }
            var sessions: [String: SessionState] = [:]
            var offset = 0
            let decoder = JSONDecoder()
            while let (kind, key, state, next) = Self.record(in: data, at: offset) {
                switch kind {
                case 1:
                    sessions[key] = state.flatMap { try? decoder.decode(SessionState.self, from: Data($0)) }
                    records[key, default: []].append((offset, next - offset))
                case 2:
                    sessions[key] = nil
                    records[key] = nil
                default:
                    break
                }
                offset = next
            }
            if offset < data.count { _ = ftruncate(fd, off_t(offset)) }
            bytesWritten = offset
            return sessions
        }
    }

    /// The record at `offset`, or nil at the end or at damage.
    static func record(in data: [UInt8], at offset: Int) -> (UInt8, String, ArraySlice<UInt8>?, Int)? {
        guard offset + 8 <= data.count else { return nil }
        let length = Int(UInt32(littleEndian: data[offset..<(offset + 4)].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }))
        let crc = UInt32(littleEndian: data[(offset + 4)..<(offset + 8)].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
        let start = offset + 8
        guard length >= 3, start + length <= data.count else { return nil }
        let payload = data[start..<(start + length)]
        guard CRC32.checksum(payload) == crc else { return nil }
        let kind = payload[start]
        if kind == wiped { return (kind, "", nil, start + length) }
        let keyLength = Int(payload[start + 1]) | Int(payload[start + 2]) << 8
        guard kind == 1 || kind == 2, 3 + keyLength <= length,
              let key = String(validating: payload[(start + 3)..<(start + 3 + keyLength)], as: UTF8.self) else { return nil }
        let state = kind == 1 ? payload[(start + 3 + keyLength)...] : nil
        return (kind, key, state, start + length)
    }

    static let wiped: UInt8 = 3

    /// A wiped record of `length` bytes in all (at least the 11 of an empty one).
    static func wipedRecord(length: Int) -> [UInt8] {
        let payload = [wiped] + [UInt8](repeating: 0, count: max(length - 9, 0))
        var record: [UInt8] = []
        withUnsafeBytes(of: UInt32(payload.count).littleEndian) { record += $0 }
        withUnsafeBytes(of: CRC32.checksum(payload).littleEndian) { record += $0 }
        return record + payload
    }

    static func encode(kind: UInt8, key: String, state: [UInt8]) -> [UInt8] {
        let keyBytes = Array(key.utf8.prefix(Int(UInt16.max)))
        var payload: [UInt8] = [kind, UInt8(keyBytes.count & 0xFF), UInt8(keyBytes.count >> 8)]
        payload += keyBytes
        payload += state
        var record: [UInt8] = []
        withUnsafeBytes(of: UInt32(payload.count).littleEndian) { record += $0 }
        withUnsafeBytes(of: CRC32.checksum(payload).littleEndian) { record += $0 }
        return record + payload
    }

    public func put(_ key: String, _ state: SessionState) {
        guard let json = try? encoder.encode(state) else { return }
        append(Self.encode(kind: 1, key: key, state: Array(json)), key: key)
    }

    /// Wipes every record of `key` in place: with no record left, recovery finds no such session,
    /// and not even its name stays on disk. With `durably`, the file is synced before returning: a
    /// person who asked to be forgotten is told so only after that.
    public func erase(_ key: String, durably: Bool = false) {
        lock.withLock { _ in
            for record in records.removeValue(forKey: key) ?? [] {
                let bytes = Self.wipedRecord(length: record.length)
                _ = bytes.withUnsafeBytes { pwrite(wipeFD, $0.baseAddress, $0.count, off_t(record.offset)) }
            }
            if durably {
                fdatasync(wipeFD)
            } else {
                dirty = true
            }
        }
    }

    /// Appends a put record and remembers its place under `key`, for wiping.
    private func append(_ record: [UInt8], key: String) {
        lock.withLock { _ in
            records[key, default: []].append((bytesWritten, record.count))
            var offset = 0
            while offset < record.count {
                let written = record.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
            bytesWritten += record.count
            dirty = true
        }
    }

    /// Makes written records durable; called on the batch interval and at shutdown.
    public func sync() {
        lock.withLock { _ in
            guard dirty else { return }
            fsync(fd)
            dirty = false
        }
    }

    /// Size of the file in bytes.
    public var size: Int { lock.withLock { _ in bytesWritten } }

    /// Rewrites the journal with only `live` sessions (write to a temporary file, fsync, rename).
    public func compact(_ live: [String: SessionState]) {
        lock.withLock { _ in
            let temporary = path + ".compact"
            let out = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard out >= 0 else { return }
            var bytes: [UInt8] = []
            var positions: [String: [(offset: Int, length: Int)]] = [:]
            for (key, state) in live.sorted(by: { $0.key < $1.key }) {
                guard let json = try? encoder.encode(state) else { continue }
                let record = Self.encode(kind: 1, key: key, state: Array(json))
                positions[key] = [(bytes.count, record.count)]
                bytes += record
            }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { write(out, $0.baseAddress! + offset, $0.count - offset) }
                guard written > 0 else { break }
                offset += written
            }
            guard offset == bytes.count, fsync(out) == 0, rename(temporary, path) == 0 else {
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
            bytesWritten = bytes.count
            dirty = false
        }
    }
}
