import Foundation
import Testing
@testable import Dialogue

@Suite("a session's state as JSON")
struct SessionStateJSONTests {
    /// A state with every field set, optional ones included, and text that needs escaping.
    static var full: SessionState {
        var state = SessionState(seed: UInt64.max, now: 1_796_000_000)
        state.lastActive = 1_796_000_123
        state.position = .init(flow: "jeugd", step: "leeftijd")
        state.stack = [.init(flow: "intake", step: "onderwerp")]
        state.answers = [.init(flow: "intake", step: "begin", key: "vraag", value: "mijn zoon (15) \"zit\" thuis\\\nen ik\tweet 't niet 🙁")]
        state.advice = [RouteReference(route: "jeugdteam", document: "jeugd/jeugdhulp"), RouteReference(route: "huisarts")]
        state.undo = [.init(position: nil, stack: [], answerCount: 0, adviceCount: 0),
                      .init(position: .init(flow: "intake", step: "gevaar"), stack: [.init(flow: "a", step: "b")], answerCount: 1, adviceCount: 2)]
        state.attempts = 2
        state.digressed = true
        state.misses = 3
        state.followsStory = true
        state.clarifying = ["wmo-loket", "zorgverzekeraar"]
        state.needs = [Need(flow: "schulden", words: "ik heb schulden")]
        state.offered = Need(flow: "ggz", words: "ik voel me somber")
        state.crisisCards = [RouteReference(route: "113")]
        state.storyPart = "en het huishouden lukt niet"
        state.latestAdvice = 1
        state.people = ["clientondersteuning"]
        state.gemeente = "'s-Hertogenbosch"
        state.ended = true
        return state
    }

    @Test("what it writes, JSONDecoder reads back to the same state, with or without the optional fields")
    func roundTrip() throws {
        for state in [Self.full, SessionState(seed: 7, now: 0)] {
            #expect(try JSONDecoder().decode(SessionState.self, from: Data(state.json)) == state)
        }
    }

    @Test("it writes the keys of the Codable conformance, at every level: a new field cannot be left out")
    func sameKeysAsCodable() throws {
        let ours = try JSONSerialization.jsonObject(with: Data(Self.full.json))
        let codable = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.full))
        #expect(Self.keyPaths(ours) == Self.keyPaths(codable))
        #expect(Self.keyPaths(ours).count > 40)
    }

    /// Every key path in a JSON value, array positions included.
    static func keyPaths(_ value: Any, prefix: String = "") -> Set<String> {
        if let object = value as? [String: Any] {
            return object.reduce(into: [prefix]) { $0.formUnion(keyPaths($1.value, prefix: prefix + "." + $1.key)) }
        }
        if let array = value as? [Any] {
            return array.enumerated().reduce(into: [prefix]) { $0.formUnion(keyPaths($1.element, prefix: prefix + "[\($1.offset)]")) }
        }
        return [prefix]
    }
}
