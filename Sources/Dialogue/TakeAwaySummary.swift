import Retrieval

/// The plain text a person can copy at the end: their question, their answers, the advice and the
/// contacts. It is the only thing that outlives the session, and only in the person's hands.
enum TakeAwaySummary {
    /// Readable as a letter: what the person told (each story once), their answers, the plan in
    /// order with each desk's contact, and what is still open.
    static func text(_ state: SessionState, content: DialogueContent, now: Int64) -> String {
        let phrases = content.phrases
        var lines = [phrases.fill(.summaryTitle, ["datum": CalendarDate(unixSeconds: now).dutch])]
        var stories: [String] = []
        var answers: [String] = []
        for answer in state.answers {
            guard let (_, step) = content.step(at: .init(flow: answer.flow, step: answer.step)) else { continue }
            if step.effectiveExpectation == .open {
                if !["ja", "nee"].contains(answer.value) && !stories.contains(answer.value) { stories.append(answer.value) }
            } else {
                let question = step.shortQuestion ?? step.question?.variants.first ?? answer.key
                answers.append("- \(question) \(Conversation.shown(answer, step: step, phrases: phrases))")
            }
        }
        if !stories.isEmpty { lines += ["", phrases[.summaryStory]] + stories.map { "- \($0)" } }
        if !answers.isEmpty { lines += ["", phrases[.summaryAnswers]] + answers }
        let cards = unique(state.advice).compactMap { RouteCard($0, in: content.knowledge, gemeente: state.gemeente) }
        lines.append("")
        if cards.isEmpty {
            lines.append(phrases[.summaryNoAdvice])
        } else {
            lines.append(phrases[.summaryPlan])
            for (number, card) in cards.enumerated() {
                lines.append("\(number + 1). \(card.route.name): \(card.document.title).")
                lines.append("   \(phrases[.summaryContact]) \(card.contact)")
            }
        }
        let crisis = unique(state.crisisCards ?? []).filter { !state.advice.contains($0) }.compactMap { RouteCard($0, in: content.knowledge, gemeente: state.gemeente) }
        if !crisis.isEmpty {
            lines += ["", phrases[.summaryCrisis]] + crisis.map { "- \($0.route.name): \($0.contact)" }
        }
        if let open = state.needs, !open.isEmpty {
            lines += ["", phrases[.summaryOpen]] + open.map { "- \($0.words)" }
        }
        lines += ["", phrases[.summaryEnd]]
        return lines.joined(separator: "\n")
    }

    /// References in order, each route and document once.
    static func unique(_ references: [RouteReference]) -> [RouteReference] {
        var seen: Set<String> = []
        return references.filter { seen.insert($0.description).inserted }
    }
}

/// A day in the proleptic Gregorian calendar, from seconds since 1970 (UTC), without Foundation.
struct CalendarDate: Equatable {
    var year: Int
    var month: Int
    var day: Int

    /// Days-to-civil conversion (H. Hinnant's algorithm).
    init(unixSeconds: Int64) {
        let days = Int(unixSeconds >= 0 ? unixSeconds / 86_400 : (unixSeconds - 86_399) / 86_400) + 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    }

    static let months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                         "oktober", "november", "december"]

    var dutch: String { "\(day) \(Self.months[month - 1]) \(year)" }
}
