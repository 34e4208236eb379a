import Dialogue
import Retrieval

/// `chat --debug`: why a turn went where it went, for authors and testers. It prints what the person
/// typed, so it is for a developer's own terminal only, never for a log.
enum DebugReport {
    static func text(_ line: String, turn: Turn, content: DialogueContent) -> String {
        var lines = ["[debug] flow \(turn.flow ?? "-"), step \(turn.step ?? "-"), safety \(turn.safety.rawValue), routes \(turn.routes)"]
        var searcher = Searcher(index: content.index)
        let ranked = DirectAnswerRule.routes(searcher.search(line)).prefix(3)
        if !ranked.isEmpty {
            lines.append("[debug] routes for the input: " + ranked.map { "\($0.route) \(format($0.score))" }.joined(separator: ", "))
        }
        let parts = content.storyParts(line)
        if parts.count > 1 { lines.append("[debug] parts of the story: " + parts.map { "'\($0)'" }.joined(separator: " | ")) }
        if let needs = turn.state.needs, !needs.isEmpty {
            lines.append("[debug] needs waiting: " + needs.map { "\($0.flow) ('\($0.words)')" }.joined(separator: ", "))
        }
        if let offered = turn.state.offered { lines.append("[debug] need offered: \(offered.flow)") }
        if !turn.state.answers.isEmpty {
            lines.append("[debug] answers: " + turn.state.answers.map { "\($0.key)=\(String($0.value.prefix(40)))" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    private static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
