import Dialogue
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
            journal.erase("b")
        }
        let recovered = try SessionJournal(path: path).recover()
        #expect(recovered == ["a": state(3)])
    }

    @Test("a torn or corrupt tail is ignored and cut off; earlier records stay")
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
        corrupt[10] ^= 0xFF
        try corrupt.write(to: URL(filePath: path))
        #expect(try SessionJournal(path: path).recover() == [:])
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
        store.erase("weg")
        store.expire(now: 100)
        store.compact()
        let text = String(decoding: try Data(contentsOf: URL(filePath: path)), as: UTF8.self)
        #expect(text.contains("blijft") && !text.contains("weg") && !text.contains("oud"))
        let reopened = SessionStore(limits: limits, journal: try SessionJournal(path: path), now: 100)
        #expect(reopened.count == 1 && reopened.state("blijft", now: 100) != nil)
    }

    @Test("CRC-32 matches the standard check value")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }
}
