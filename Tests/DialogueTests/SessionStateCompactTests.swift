import Foundation
import Testing
@testable import Dialogue

@Suite("a session's state in its compact form")
struct SessionStateCompactTests {
    @Test("it reads back to the same state, with or without the optional fields")
    func roundTrip() {
        for state in [SessionStateJSONTests.full, SessionState(seed: 7, now: 0), SessionState(seed: 0, now: -5)] {
            #expect(SessionState(compact: state.compact[...]) == state)
        }
    }

    /// A state as a conversation leaves it after five answers of the intake, as the journal writes it.
    static var typical: SessionState {
        var state = SessionState(seed: 11_175_944_865_933_431_136, now: 1_796_013_193)
        state.lastActive = 1_796_013_194
        state.position = .init(flow: "mantelzorg", step: "begin")
        let steps = [("begin", "vraag", "ik heb een vraag over zorg"), ("gevaar", "gevaar", "nee"), ("minderjarig", "minderjarig", "nee"),
                     ("hele-dag", "hele-dag", "nee"), ("onderwerp", "onderwerp", "mantelzorg")]
        for (count, (step, key, value)) in steps.enumerated() {
            state.answers.append(.init(flow: "intake", step: step, key: key, value: value))
            state.undo.append(.init(position: .init(flow: "intake", step: step), stack: [], answerCount: count, adviceCount: 0))
        }
        return state
    }

    @Test("each string is written once: a typical state takes less than a third of its JSON")
    func small() {
        let state = Self.typical
        #expect(state.compact.count * 3 < state.json.count, "\(state.compact.count) against \(state.json.count) bytes")
    }

    @Test("every cut and every changed byte gives nil or a state, never a crash; a cut one is never read whole")
    func damage() {
        let bytes = SessionStateJSONTests.full.compact
        for end in 0..<bytes.count {
            #expect(SessionState(compact: bytes[0..<end]) == nil)
        }
        for index in bytes.indices {
            for value: UInt8 in [0, 1, 0x7F, 0x80, 0xFF] {
                var changed = bytes
                changed[index] = value
                _ = SessionState(compact: changed[...])
            }
        }
        #expect(SessionState(compact: [2] + bytes.dropFirst()) == nil, "an unknown version")
        #expect(SessionState(compact: (bytes + [0])[...]) == nil, "bytes after the state")
    }

    @Test("a count larger than the bytes that remain is refused before anything is allocated")
    func hugeCounts() {
        // Version 1, a table of 2^62 strings.
        #expect(SessionState(compact: [1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]) == nil)
    }
}

extension SessionStateCompactTests {
    /// The stored fields, as `Mirror` lists them. A field added to `SessionState` fails this test
    /// until it is written in the compact form (under a new version) and set in the full state.
    static let storedFields = ["position", "stack", "answers", "advice", "undo", "attempts", "digressed", "misses", "followsStory",
                               "clarifying", "needs", "offered", "crisisCards", "storyPart", "latestAdvice", "people", "gemeente",
                               "seed", "startedAt", "lastActive", "ended"]

    @Test("the compact form knows every stored field, and the full state sets every optional one")
    func everyField() {
        let full = SessionStateJSONTests.full
        let children = Mirror(reflecting: full).children
        #expect(children.compactMap(\.label) == Self.storedFields)
        for child in children {
            let value = Mirror(reflecting: child.value)
            #expect(value.displayStyle != .optional || !value.children.isEmpty, "\(child.label ?? "?") is not set in the full state")
        }
    }
}
