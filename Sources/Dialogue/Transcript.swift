import Retrieval
import DutchText

/// A conversation test: the person's lines and what each turn must show. Read from Markdown files
/// in `Tests/Conversations/` (format in docs/DIALOGS.md).
public struct Transcript: Equatable, Sendable {
    /// One check on a turn.
    public enum Expectation: Equatable, Sendable {
        case contains(String)
        case notContains(String)
        case matches(String)
        case options([String])
        case option(String)
        case routes([String])
        case flow(String?)
        case step(String?)
        case ended(Bool)
        /// `safety` (the crisis card), `safety: check` or `safety: no`.
        case safety(SafetyAssessment.Outcome)
        case erased
    }

    public struct Check: Equatable, Sendable {
        public var expectation: Expectation
        public var line: Int
    }

    /// A line the person types (`nil` for the opening turn) and the checks on the reply.
    public struct Exchange: Equatable, Sendable {
        public var input: String?
        public var line: Int
        public var checks: [Check]
    }

    public var title: String
    public var path: String
    public var exchanges: [Exchange]

    public static func parse(_ text: String, path: String) throws(DialogError) -> Transcript {
        var title = ""
        var exchanges = [Exchange(input: nil, line: 1, checks: [])]
        for (index, raw) in text.lines.enumerated() {
            let line = index + 1
            let text = raw.trimmed()
            if text.hasPrefix("# ") && title.isEmpty {
                title = String(text.dropFirst(2))
            } else if text.hasPrefix(">") {
                exchanges.append(Exchange(input: String(text.dropFirst()).trimmed(), line: line, checks: []))
            } else if text.hasPrefix("<") {
                let check = try expectation(String(text.dropFirst()).trimmed(), line: line, path: path)
                exchanges[exchanges.count - 1].checks.append(Check(expectation: check, line: line))
            }
        }
        guard exchanges.count > 1 else { throw DialogError(file: path, line: 1, message: "a transcript needs at least one '> line'") }
        return Transcript(title: title.isEmpty ? path : title, path: path, exchanges: exchanges)
    }

    private static func expectation(_ text: String, line: Int, path: String) throws(DialogError) -> Expectation {
        let (name, value) = text.firstIndex(of: ":").map {
            (String(text[..<$0]).trimmed(), String(text[text.index(after: $0)...]).trimmed())
        } ?? (text, "")
        func list(_ separator: Character) -> [String] {
            value == "-" ? [] : value.split(separator: separator).map { $0.trimmed() }.filter { !$0.isEmpty }
        }
        switch name {
        case "contains": return .contains(value)
        case "not": return .notContains(value)
        case "matches":
            guard (try? Regex(value)) != nil else { throw DialogError(file: path, line: line, message: "invalid regular expression") }
            return .matches(value)
        case "options": return .options(list("|"))
        case "option": return .option(value)
        case "routes": return .routes(list(","))
        case "flow": return .flow(value == "-" ? nil : value)
        case "step": return .step(value == "-" ? nil : value)
        case "ended": return .ended(value != "no")
        case "safety":
            switch value {
            case "", "alarm": return .safety(.alarm)
            case "check": return .safety(.check)
            case "no": return .safety(.none)
            default: throw DialogError(file: path, line: line, message: "safety takes nothing, 'check' or 'no'")
            }
        case "erased": return .erased
        default:
            throw DialogError(file: path, line: line, message: "unknown expectation '\(name)' (contains, not, matches, options, option, routes, flow, step, ended, safety, erased)")
        }
    }
}
