import DutchText
import Retrieval

/// Reads one flow file: front matter as in Knowledge, then `## step` sections of directive lines.
public enum FlowParser {
    /// Directives a step may use, in the order they are documented.
    static let directives: Set<String> = [
        "say", "or", "ask", "short", "expect", "save", "if", "goto", "else", "call", "lookup", "routes",
        "advise", "yes-if-told", "end",
    ]

    public static func parse(_ text: String, path: String) throws(DialogError) -> Flow {
        let frontMatter: FrontMatter
        do {
            frontMatter = try FrontMatter.parse(text, file: path)
        } catch {
            throw DialogError(file: error.file, line: error.line, message: error.message)
        }
        var flow = try header(frontMatter, path: path)
        flow.steps = try steps(frontMatter.body, firstLine: frontMatter.bodyStartLine, path: path)
        guard let first = flow.steps.first else {
            throw DialogError(file: path, line: frontMatter.bodyStartLine, message: "a flow needs at least one '## step'")
        }
        if flow.startStep.isEmpty { flow.startStep = first.id }
        return flow
    }

    private static func header(_ frontMatter: FrontMatter, path: String) throws(DialogError) -> Flow {
        var lines: [String: Int] = [:]
        var texts: [String: String] = [:]
        var triggers: [Phrase] = []
        var routes: [String] = []
        var carerSigns: [Phrase] = []
        for (key, value) in frontMatter.fields {
            lines[key] = value.line
            switch (key, value) {
            case ("triggers", .list(let items, let line)):
                triggers = items.enumerated().map { Phrase(text: $1, line: line + 1 + $0) }
            case ("triggers", .text(let item, let line)):
                triggers = item.split(separator: ",").map { Phrase(text: $0.trimmed(), line: line) }
            case ("carer-signs", .list(let items, let line)):
                carerSigns = items.enumerated().map { Phrase(text: $1, line: line + 1 + $0) }
            case ("routes", .list(let items, _)):
                routes = items
            case ("routes", .text(let item, _)):
                routes = list(item)
            case (_, .text(let text, _)) where ["id", "title", "start", "kind"].contains(key):
                texts[key] = text
            default:
                throw DialogError(file: path, line: value.line, message: "unknown or malformed front-matter field '\(key)'")
            }
        }
        for key in ["id", "title"] where texts[key] == nil {
            throw DialogError(file: path, line: 1, message: "missing front-matter field '\(key)'")
        }
        guard let kind = Flow.Kind(rawValue: texts["kind"] ?? "flow") else {
            throw DialogError(file: path, line: lines["kind"] ?? 1, message: "kind must be 'flow' or 'safety'")
        }
        var flow = Flow(id: texts["id"]!, title: texts["title"]!, kind: kind, triggers: triggers,
                        startStep: texts["start"] ?? "", steps: [], path: path, fieldLines: lines)
        flow.routes = routes
        flow.carerSigns = carerSigns
        return flow
    }

    private static func steps(_ body: [Substring], firstLine: Int, path: String) throws(DialogError) -> [Step] {
        var steps: [Step] = []
        for (offset, raw) in body.enumerated() {
            let line = firstLine + offset
            let text = raw.trimmed()
            if text.hasPrefix("## ") {
                let id = String(text.dropFirst(3)).trimmed()
                guard isIdentifier(id) else {
                    throw DialogError(file: path, line: line, message: "step id '\(id)' must be lowercase letters, digits and '-'")
                }
                steps.append(Step(id: id, line: line))
            } else if text.isEmpty || steps.isEmpty || text.hasPrefix("<!--") {
                continue  // blank lines, the description before the first step, comments
            } else {
                try apply(text, line: line, to: &steps[steps.count - 1], path: path)
            }
        }
        return steps
    }

    static func isIdentifier(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.allSatisfy { ($0.isLetter && $0.isLowercase) || $0.isNumber || $0 == "-" } && text.first != "-"
    }

    private static func apply(_ text: String, line: Int, to step: inout Step, path: String) throws(DialogError) {
        func fail(_ message: String) -> DialogError { DialogError(file: path, line: line, message: message) }
        if text.hasPrefix("- ") {
            step.options.append(try option(String(text.dropFirst(2)), line: line, path: path))
            return
        }
        guard let colon = text.firstIndex(of: ":"), directives.contains(String(text[..<colon])) else {
            if text.hasPrefix("signals:") {
                throw fail("safety signals live in Knowledge/\(KnowledgeBase.safetySignalsFile), not in a flow")
            }
            throw fail("expected a directive (say:, ask:, goto:, ...) or an option ('- value: Label')")
        }
        let name = String(text[..<colon])
        let value = String(text[text.index(after: colon)...]).trimmed()
        if value.isEmpty && name != "end" { throw fail("'\(name):' needs a value") }
        if step.lines[name] != nil && !["say", "or", "if"].contains(name) {
            throw fail("'\(name):' appears twice in step '\(step.id)'")
        }
        step.lines[name] = line
        switch name {
        case "say": step.messages.append(Step.Wording(variants: [value], line: line))
        case "or": try addAlternative(value, to: &step, fail: fail)
        case "ask": step.question = Step.Wording(variants: [value], line: line)
        case "short": step.shortQuestion = value
        case "expect": step.expectation = try expectation(value, fail: fail)
        case "save":
            guard isIdentifier(value) else { throw fail("answer key '\(value)' must be lowercase letters, digits and '-'") }
            step.saveKey = value
        case "if": step.branches.append(try branch(value, line: line, fail: fail))
        case "goto": step.next = try target(value, fail: fail)
        case "else": step.otherwise = try target(value, fail: fail)
        case "call": step.call = value
        case "lookup": step.lookup = Step.Lookup(query: value, routes: step.lookup?.routes ?? [], line: line)
        case "routes":
            guard step.lookup != nil else { throw fail("'routes:' limits a 'lookup:' above it") }
            step.lookup!.routes = list(value)
        case "advise": step.advice = list(value).map(RouteReference.init)
        case "yes-if-told": step.yesIfTold = list(value)
        default: step.end = list(value).map(RouteReference.init) // "end", the last directive
        }
    }

    /// `or:` belongs to the `say:` or `ask:` directly above it.
    private static func addAlternative(_ value: String, to step: inout Step,
                                       fail: (String) -> DialogError) throws(DialogError) {
        let lastSay = step.messages.last?.line ?? 0
        let ask = step.question?.line ?? 0
        guard max(lastSay, ask) > 0 else { throw fail("'or:' must follow a 'say:' or 'ask:'") }
        if ask > lastSay { step.question!.variants.append(value) } else { step.messages[step.messages.count - 1].variants.append(value) }
    }

    private static func expectation(_ value: String, fail: (String) -> DialogError) throws(DialogError) -> Step.Expectation {
        switch value {
        case "choice": return .choice
        case "yesno": return .yesNo
        case "text": return .text
        case "open": return .open
        default:
            let parts = value.split(separator: " ")
            let bounds = parts.count == 2 ? parts[1].split(separator: "-").compactMap { Int($0) } : []
            guard parts.first == "number", bounds.count == 2, bounds[0] <= bounds[1] else {
                throw fail("expect: must be choice, yesno, text, open or 'number MIN-MAX'")
            }
            return .number(bounds[0]...bounds[1])
        }
    }

    private static func branch(_ value: String, line: Int, fail: (String) -> DialogError) throws(DialogError) -> Step.Branch {
        let parts = value.split(separator: "->", omittingEmptySubsequences: false)
        guard parts.count == 2, let condition = Condition(String(parts[0]).trimmed()) else {
            throw fail("expected 'if: key = value -> target' (operators = != < <= > >=, joined with 'en')")
        }
        return Step.Branch(condition: condition, target: try target(String(parts[1]), fail: fail), line: line)
    }

    private static func target(_ value: String, fail: (String) -> DialogError) throws(DialogError) -> Target {
        let text = value.trimmed()
        guard isIdentifier(text.hasPrefix("@") ? String(text.dropFirst()) : text) else {
            throw fail("'\(text)' is not a step id or '@flow-id'")
        }
        return Target(text)
    }

    /// `- value: Label | synonym, synonym -> target`
    private static func option(_ text: String, line: Int, path: String) throws(DialogError) -> Step.Option {
        func fail(_ message: String) -> DialogError { DialogError(file: path, line: line, message: message) }
        var rest = Substring(text)
        var target: Target?
        if let arrow = rest.firstRange(of: "->") {
            target = try self.target(String(rest[arrow.upperBound...]), fail: fail)
            rest = rest[..<arrow.lowerBound]
        }
        guard let colon = rest.firstIndex(of: ":"), isIdentifier(rest[..<colon].trimmed()) else {
            throw fail("expected an option '- value: Label | synonym, synonym -> target' with a lowercase value")
        }
        let parts = rest[rest.index(after: colon)...].split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let label = parts[0].trimmed()
        guard !label.isEmpty else { throw fail("the option needs a label after 'value:'") }
        let synonyms = parts.count > 1 ? list(String(parts[1])) : []
        return Step.Option(value: rest[..<colon].trimmed(), label: label, synonyms: synonyms, target: target, line: line)
    }

    private static func list(_ value: String) -> [String] {
        value.split(separator: ",").map { $0.trimmed() }.filter { !$0.isEmpty }
    }
}
