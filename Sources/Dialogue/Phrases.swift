/// The fixed Dutch sentences of the engine (B1), from `Dialogs/zinnen.tsv`: the ones every flow
/// shares (commands, re-prompts, fallbacks, the plan, the summary). Content, not code, so a writer
/// can change a sentence without a programmer; `validate` checks that every sentence is there and
/// fills in only the names the engine gives it.
public struct Phrases: Equatable, Sendable {
    public static let file = "zinnen.tsv"

    public enum Key: String, CaseIterable, Sendable {
        case help, human, humanHint = "human-hint", forgotten, restart, back, nothingToUndo = "nothing-to-undo", goOn = "go-on"
        case safetyCheck = "safety-check", notUnderstood = "not-understood", stillNotUnderstood = "still-not-understood"
        case skipped, clarify, sideAnswer = "side-answer", aboutAdvice = "about-advice", bestFit = "best-fit"
        case nothingFound = "nothing-found", tellMore = "tell-more", broken, goodbye, sources, noSources = "no-sources"
        case alreadyTold = "already-told", alreadyToldAge = "already-told-age", alreadyToldYes = "already-told-yes", plan, planAfter = "plan-after"
        case planJoiner = "plan-joiner", offerNeed = "offer-need", alreadyCovered = "already-covered"
        case hintYesNo = "hint-yesno", hintNumber = "hint-number", hintChoice = "hint-choice", hintText = "hint-text"
        case optionSkip = "option-skip", optionHuman = "option-human", optionSomethingElse = "option-something-else"
        case optionGoOn = "option-go-on", optionYes = "option-yes", optionNo = "option-no"
        case summaryTitle = "summary-title", summaryStory = "summary-story", summaryAnswers = "summary-answers"
        case summaryPlan = "summary-plan", summaryContact = "summary-contact", summaryNoAdvice = "summary-no-advice"
        case summaryOpen = "summary-open", summaryEnd = "summary-end", unknownAnswer = "unknown-answer"
        case summaryCrisis = "summary-crisis", placeNoted = "place-noted", placeNotedLocal = "place-noted-local"

        /// The names the sentence must fill in, and no others.
        var slots: Set<String> {
            switch self {
            case .alreadyTold: ["antwoord"]
            case .alreadyToldAge: ["leeftijd"]
            case .alreadyToldYes: ["vraag"]
            case .plan: ["eerst", "daarna"]
            case .planAfter: ["daarna"]
            case .offerNeed, .alreadyCovered: ["woorden"]
            case .hintNumber: ["van", "tot"]
            case .summaryTitle: ["datum"]
            case .placeNoted, .placeNotedLocal: ["gemeente"]
            default: []
            }
        }
    }

    private let texts: [Key: String]

    public subscript(key: Key) -> String { texts[key] ?? "" }

    /// The sentence with each `{name}` replaced by its value.
    func fill(_ key: Key, _ values: [String: String]) -> String {
        Interpolation.fill(self[key]) { values[$0] }
    }

    /// Parses `key<TAB>text` lines (`#` comments, blank lines skipped; `\n` is a line break). Every
    /// key must be there once, and use exactly its names.
    public static func parse(_ text: String, file: String) -> (phrases: Phrases, problems: [DialogError]) {
        var texts: [Key: String] = [:]
        var problems: [DialogError] = []
        for (line, parts) in text.tabRows {
            func fail(_ message: String) { problems.append(DialogError(file: file, line: line, message: message)) }
            guard parts.count == 2, !parts[1].isEmpty else { fail("expected 'key<TAB>text'"); continue }
            guard let key = Key(rawValue: parts[0]) else { fail("unknown sentence '\(parts[0])'"); continue }
            guard texts[key] == nil else { fail("sentence '\(key.rawValue)' appears twice"); continue }
            let sentence = parts[1].replacing("\\n", with: "\n")
            let names = Set(Interpolation.keys(in: sentence))
            if names != key.slots {
                let wanted = key.slots.isEmpty ? "no {names}" : key.slots.sorted().map { "{\($0)}" }.joined(separator: ", ")
                fail("sentence '\(key.rawValue)' must use \(wanted)")
            }
            texts[key] = sentence
        }
        for key in Key.allCases where texts[key] == nil {
            problems.append(DialogError(file: file, line: 1, message: "sentence '\(key.rawValue)' is missing"))
        }
        return (Phrases(texts: texts), problems)
    }

    // MARK: Sentences the engine builds from several

    /// The order of several needs, in the person's own words.
    func plan(first: String?, then rest: [String]) -> String {
        let later = rest.map { "'\($0)'" }.joined(separator: self[.planJoiner] + " ")
        guard let first else { return fill(.planAfter, ["daarna": later]) }
        return fill(.plan, ["eerst": first, "daarna": later])
    }

    func hint(for expectation: Step.Expectation?) -> String {
        switch expectation {
        case .yesNo: self[.hintYesNo]
        case .number(let range): fill(.hintNumber, ["van": String(range.lowerBound), "tot": String(range.upperBound)])
        case .choice: self[.hintChoice]
        default: self[.hintText]
        }
    }

    var skipOption: Reply.Option { Reply.Option(label: self[.optionSkip], value: "overslaan") }
    var humanOption: Reply.Option { Reply.Option(label: self[.optionHuman], value: "mens") }
    var goOnOption: Reply.Option { Reply.Option(label: self[.optionGoOn], value: "anders") }
    var yesNoOptions: [Reply.Option] { [Reply.Option(label: self[.optionYes], value: "ja"), Reply.Option(label: self[.optionNo], value: "nee")] }
}
