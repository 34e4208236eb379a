@testable import Dialogue
import Foundation
import Testing
@testable import Server

@Suite("Session journal")
struct SessionJournalTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appending(path: "rw-journal-\(UUID().uuidString)").path
    }

    func state(_ seed: UInt64, at now: Int64 = 100) -> SessionState {
        SessionState(seed: seed, now: now)
    }

    @Test("puts and erases come back after reopening")
    func roundTrip() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        do {
            let journal = try SessionJournal(path: path)
            journal.put("a", state(1))
            journal.put("b", state(2))
            journal.put("a", state(3))
            #expect(journal.erase("b"))
        }
        let recovered = try SessionJournal(path: path).recover()
        #expect(recovered == ["a": state(3)])
    }

    /// A session that holds what a person told.
    func told(_ text: String) -> SessionState {
        let engine = ApplicationTests.engine
        return engine.reply(to: text, in: engine.newSession(seed: 1, now: 100), now: 100).state
    }

    @Test("erasing wipes every record of the session from the file at once; recovery reads past the wipes")
    func erasureIsOnDisk() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let secret = told("mijn geheime vraag over schulden")
        let kept = told("een vraag die blijft")
        do {
            let journal = try SessionJournal(path: path)
            journal.put("geheim", secret)
            journal.put("blijft", kept)
            journal.put("geheim", secret)
            #expect(journal.erase("geheim") && journal.sync())
            let bytes = try Data(contentsOf: URL(filePath: path))
            #expect(bytes.range(of: Data("geheime vraag".utf8)) == nil && bytes.range(of: Data("geheim".utf8)) == nil)
            #expect(bytes.range(of: Data("een vraag die blijft".utf8)) != nil)
            journal.put("later", state(9))
        }
        let recovered = try SessionJournal(path: path).recover()
        #expect(recovered == ["blijft": kept, "later": state(9)])
    }

    @Test("a forgotten session (ended, expired) is wiped by the next sync, off the turn; a compaction between is safe")
    func forgetting() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let journal = try SessionJournal(path: path)
        journal.put("klaar", told("een afgesloten gesprek"))
        journal.put("blijft", state(2))
        journal.forget("klaar")
        #expect(try Data(contentsOf: URL(filePath: path)).range(of: Data("afgesloten gesprek".utf8)) != nil, "not yet: the turn did not wait")
        #expect(journal.sync())
        #expect(try Data(contentsOf: URL(filePath: path)).range(of: Data("afgesloten gesprek".utf8)) == nil)
        journal.put("later", told("nog een afgesloten gesprek"))
        journal.forget("later")
        journal.compact()
        #expect(journal.sync(), "wipes of the old file's offsets are dropped, not done in the new file")
        #expect(try SessionJournal(path: path).recover() == ["blijft": state(2)])
        #expect(try Data(contentsOf: URL(filePath: path)).range(of: Data("afgesloten gesprek".utf8)) == nil)
    }

    @Test("after compaction, erasing still wipes the session's record in the new file")
    func erasureAfterCompaction() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let secret = told("nog een geheim")
        let journal = try SessionJournal(path: path)
        journal.put("x", secret)
        journal.put("y", state(1))
        journal.put("y", state(2))
        journal.compact()
        let expected = 4 + journal.record("x", secret).count + journal.record("y", state(2)).count
        #expect(try Data(contentsOf: URL(filePath: path)).count == expected, "the latest record of each session, copied, and nothing else")
        #expect(journal.erase("x") && journal.sync())
        #expect(try Data(contentsOf: URL(filePath: path)).range(of: Data("nog een geheim".utf8)) == nil)
        #expect(try SessionJournal(path: path).recover() == ["y": state(2)])
    }

    @Test("a torn tail is cut off; a damaged record in the middle is skipped and the records after it are kept")
    func tornTail() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        do {
            let journal = try SessionJournal(path: path)
            journal.put("a", state(1))
            journal.put("b", state(2))
        }
        let whole = try Data(contentsOf: URL(filePath: path))
        try whole.dropLast(5).write(to: URL(filePath: path))
        let journal = try SessionJournal(path: path)
        #expect(journal.recover() == ["a": state(1)])
        journal.put("c", state(3))
        #expect(try SessionJournal(path: path).recover() == ["a": state(1), "c": state(3)])
        var corrupt = try Data(contentsOf: URL(filePath: path))
        corrupt[20] ^= 0xFF
        try corrupt.write(to: URL(filePath: path))
        let damaged = try SessionJournal(path: path)
        #expect(damaged.recover() == ["c": state(3)])
        #expect(damaged.lastRecovery.skippedStretches == 1 && damaged.lastRecovery.skippedBytes > 0 && damaged.lastRecovery.cutBytes == 0)
    }

    @Test("what happens while a compaction writes its file is carried over: later puts kept, erasures wiped")
    func changesDuringCompaction() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let secret = told("een geheim tijdens het compacteren")
        let journal = try SessionJournal(path: path)
        journal.put("a", secret)
        journal.put("b", state(2))
        journal.beginCompaction()
        // Turns that come in while the snapshot is written:
        journal.put("c", state(3))
        #expect(journal.erase("a") && journal.sync())
        journal.put("b", state(4))
        journal.compact()
        #expect(try Data(contentsOf: URL(filePath: path)).range(of: Data("een geheim tijdens".utf8)) == nil)
        #expect(try SessionJournal(path: path).recover() == ["b": state(4), "c": state(3)])
        #expect(journal.erase("c") && journal.sync())
        #expect(try SessionJournal(path: path).recover() == ["b": state(4)])
    }

    @Test("a file that is not a journal is refused with a clear error and left unchanged")
    func notAJournal() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let text = Data("# README\nDit is geen journal.\n".utf8)
        try text.write(to: URL(filePath: path))
        #expect(throws: SocketError.self) { try SessionJournal(path: path) }
        do {
            _ = try SessionJournal(path: path)
        } catch {
            #expect(error.description.contains("is not a Routewijzer session journal"))
        }
        #expect(try Data(contentsOf: URL(filePath: path)) == text)
    }

    @Test("a journal of a version this build does not know (a newer build's) is refused and left unchanged, as an older build refuses version 3")
    func newerVersion() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let future = Data([0x52, 0x57, 0x4A, 0x04] + SessionJournal.encode(kind: 9, key: "a", state: [1, 2, 3]))
        try future.write(to: URL(filePath: path))
        #expect(throws: SocketError.self) { try SessionJournal(path: path) }
        #expect(try Data(contentsOf: URL(filePath: path)) == future)
    }

    @Test("a journal of version 1 (no header, no record magic) is read and rewritten in the current format")
    func version1() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        func legacy(_ kind: UInt8, _ key: String, _ state: SessionState?) throws -> [UInt8] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            var payload: [UInt8] = [kind, UInt8(key.utf8.count), 0] + Array(key.utf8)
            if let state { payload += Array(try encoder.encode(state)) }
            var record: [UInt8] = []
            withUnsafeBytes(of: UInt32(payload.count).littleEndian) { record += $0 }
            withUnsafeBytes(of: CRC32.checksum(payload).littleEndian) { record += $0 }
            return record + payload
        }
        try Data(try legacy(1, "a", state(1)) + legacy(1, "b", state(2)) + legacy(2, "b", nil)).write(to: URL(filePath: path))
        let journal = try SessionJournal(path: path)
        #expect(journal.recover() == ["a": state(1)] && journal.lastRecovery.upgraded)
        #expect(try Data(contentsOf: URL(filePath: path)).starts(with: SessionJournal.header))
        journal.put("c", state(3))
        #expect(try SessionJournal(path: path).recover() == ["a": state(1), "c": state(3)])
    }

    @Test("a journal of version 2 (states as JSON) is read and rewritten with compact states")
    func version2() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        var full = state(1)
        full.answers = [.init(flow: "intake", step: "begin", key: "vraag", value: "mijn moeder kan niet meer alleen wonen")]
        let records = SessionJournal.encode(kind: SessionJournal.putJSON, key: "a", state: full.json)
            + SessionJournal.encode(kind: SessionJournal.putJSON, key: "b", state: state(2).json)
            + SessionJournal.wipedRecord(length: 40)
        try Data(SessionJournal.headerVersion2 + records).write(to: URL(filePath: path))
        let journal = try SessionJournal(path: path)
        #expect(journal.recover() == ["a": full, "b": state(2)] && journal.lastRecovery.upgraded)
        let rewritten = try [UInt8](Data(contentsOf: URL(filePath: path)))
        #expect(rewritten.starts(with: SessionJournal.header))
        #expect(rewritten.count < SessionJournal.header.count + records.count - 40, "compact states are smaller")
        journal.put("c", state(3))
        #expect(try SessionJournal(path: path).recover() == ["a": full, "b": state(2), "c": state(3)])
    }

    @Test("compaction keeps live sessions only, so erased and expired ones are gone from disk")
    func compaction() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        var limits = SessionStore.Limits()
        limits.idleSeconds = 50
        let store = SessionStore(limits: limits, journal: try SessionJournal(path: path), now: 0)
        store.store(state(1, at: 0), for: "oud", now: 0)
        store.store(state(2, at: 90), for: "weg", now: 90)
        store.store(state(3, at: 90), for: "blijft", now: 90)
        #expect(store.erase("weg", durably: true))
        #expect(store.compactions == 1, "the compaction at start")
        store.expire(now: 100)
        store.compact()
        let text = String(decoding: try Data(contentsOf: URL(filePath: path)), as: UTF8.self)
        #expect(text.contains("blijft") && !text.contains("weg") && !text.contains("oud"))
        #expect(store.compactions == 2)
        let reopened = SessionStore(limits: limits, journal: try SessionJournal(path: path), now: 100)
        #expect(reopened.count == 1 && reopened.state("blijft", now: 100) != nil)
    }

    @Test("compaction reads the old file in windows of a megabyte: records on a window's edge and larger than a window are copied whole")
    func compactionWindows() throws {
        let path = temporaryPath()
        defer { unlink(path) }
        let journal = try SessionJournal(path: path)
        var expected: [String: SessionState] = [:]
        // Three megabytes of records of uneven sizes, so some start just before a window ends; one is
        // larger than a window.
        for index in 0..<2_500 {
            var session = state(UInt64(index))
            session.answers = [.init(flow: "intake", step: "begin", key: "vraag", value: String(repeating: "x", count: 900 + index % 301))]
            if index == 1_234 { session.storyPart = String(repeating: "lang verhaal ", count: 120_000) }
            journal.put("s\(index)", session)
            expected["s\(index)"] = session
        }
        journal.compact()
        #expect(try SessionJournal(path: path).recover() == expected)
    }

    @Test("CRC-32 matches the standard check value, and the bit-by-bit definition at every length and alignment")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for start in 0..<9 {
            for end in stride(from: start, through: bytes.count, by: 7) {
                #expect(CRC32.checksum(bytes[start..<end]) == Self.bitwiseCRC(bytes[start..<end]))
            }
        }
    }

    /// CRC-32 as defined, one bit at a time.
    static func bitwiseCRC(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
