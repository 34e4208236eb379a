import DutchText

/// Answers to pending questions, commands and the safety net.
extension Conversation {
    mutating func answer(_ text: String, flow: Flow, step: Step) {
        let words = analysis(of: text).plainWords
        if step.effectiveExpectation != .open, content.words.isUnknown(words) {
            // Every way of not knowing takes the same path: the option that says so, else `goto:`.
            if let option = step.options.first(where: { $0.phrases.contains { content.words.isUnknown(Tokenizer.plainWords($0)) } }) {
                return accept(option.value, flow: flow, step: step, option: option)
            }
            return accept(AnswerReader.unknownValue, flow: flow, step: step)
        }
        switch step.effectiveExpectation {
        case .open: answerOpen(text, flow: flow, step: step)
        case .text: accept(String(text.prefix(SessionState.storedTextLimit)), flow: flow, step: step)
        case .yesNo:
            let words = analysis(of: text).plainWords
            guard let value = content.words.yesNo(words) ?? AnswerReader.optionNumber(words).flatMap(Self.yesNoOption) else {
                return notAnAnswer(text, flow: flow, step: step)
            }
            accept(value, flow: flow, step: step)
        case .number(let range):
            guard let number = AnswerReader.number(analysis(of: text).plainWords, in: range) else { return notAnAnswer(text, flow: flow, step: step) }
            accept(String(number), flow: flow, step: step)
        case .choice, nil:
            let input = analysis(of: text)
            guard input.plainWords.count <= AnswerReader.maximumChoiceWords,
                  let index = AnswerReader.choice(input, among: content.choices(of: step, in: flow)) else {
                return notAnAnswer(text, flow: flow, step: step)
            }
            accept(step.options[index].value, flow: flow, step: step, option: step.options[index])
        }
    }

    /// Yes/no questions show "1. Ja" and "2. Nee", so the numbers count too.
    static func yesNoOption(_ number: Int) -> String? {
        [1: "ja", 2: "nee"][number]
    }

    mutating func accept(_ value: String, flow: Flow, step: Step, option: Step.Option? = nil) {
        state.record(.init(flow: flow.id, step: step.id, key: step.answerKey, value: value))
        state.resetQuestion()
        advance(from: step, in: flow, option: option)
    }

    /// Not an answer: a side question gets an answer once; otherwise a hint, then a way out, then the
    /// question is skipped. Never a loop.
    mutating func notAnAnswer(_ text: String, flow: Flow, step: Step) {
        if !state.digressed, answerSideQuestion(text) {
            state.digressed = true
            return ask(step, in: flow, short: true)
        }
        state.attempts += 1
        switch state.attempts {
        case 1:
            say(content.phrases[.notUnderstood] + " " + content.phrases.hint(for: step.effectiveExpectation))
            ask(step, in: flow)
        case 2:
            say(content.phrases[.stillNotUnderstood])
            ask(step, in: flow, short: true, extra: [content.phrases.skipOption, content.phrases.humanOption])
        default:
            say(content.phrases[.skipped])
            skip(flow: flow, step: step)
        }
    }

    /// Goes on without an answer; `if:` on the missing answer is false, so `goto:` decides.
    mutating func skip(flow: Flow, step: Step) {
        state.resetQuestion()
        state.clarifying = nil
        if step.effectiveExpectation == .open, let otherwise = step.otherwise.flatMap({ resolve($0, in: flow) }) {
            return run(otherwise)
        }
        advance(from: step, in: flow, option: nil)
    }

    mutating func perform(_ command: Command) {
        switch command {
        case .help:
            say(content.phrases[.help])
            askAgain(short: false)
        case .restart:
            state = SessionState(seed: state.seed, now: now)
            say(content.phrases[.restart])
            begin()
        case .back:
            say(state.undoLastAnswer() ? content.phrases[.back] : content.phrases[.nothingToUndo])
            askAgain(short: false)
        case .stop:
            finish()
        case .human:
            offerPeople()
        case .forget:
            state = SessionState(seed: state.seed, now: now)
            state.ended = true
            erased = true
            routes = []
            say(content.phrases[.forgotten])
        case .sources:
            let cards = TakeAwaySummary.unique(state.advice).compactMap { RouteCard($0, in: content.knowledge, gemeente: state.gemeente) }
            say(cards.isEmpty ? content.phrases[.noSources] : ([content.phrases[.sources]] + cards.map(\.sourcesText)).joined(separator: "\n"))
            askAgain(short: true)
        case .skip:
            guard let position = state.position, let (flow, step) = content.step(at: position) else { return stuck() }
            say(content.phrases[.skipped])
            skip(flow: flow, step: step)
        }
    }

    /// "mens": the people who can help, as a choice, and the conversation waits for it: a
    /// cliëntondersteuner, the desk advised last, Het Juiste Loket, or going on with the question.
    mutating func offerPeople() {
        let desk = state.advice.last { !Self.peopleRoutes.contains($0.route) }?.route
        let routes = [Self.peopleRoutes[0]] + (desk.map { [$0] } ?? []) + [Self.peopleRoutes[1]]
        state.people = routes
        let options = routes.compactMap { content.knowledge.route(id: $0) }.map { Reply.Option(label: $0.name, value: $0.id) }
        say(content.phrases[.human], options: options + [content.phrases.goOnOption])
    }

    static let peopleRoutes = ["clientondersteuning", "juiste-loket"]

    /// The choice after "mens": the chosen card with how to reach it, then the waiting question.
    mutating func answerPeople(_ text: String, offered: [String]) {
        state.people = nil
        let (values, choices) = content.clarifyingChoices(offered)
        if let index = AnswerReader.choice(analysis(of: text), among: choices), values[index] != content.somethingElseOption.value {
            recommend([RouteReference(values[index])])
        }
        guard state.position != nil else { return }
        say(content.phrases[.goOn])
        askAgain(short: true)
    }

    /// The safety layer looks at every input first. An alarm shows, per category, the first help
    /// and the crisis card, then offers to go on where the conversation was; the input is not read
    /// as an answer. A check asks whether someone is in danger now, with the numbers. After a check,
    /// an open question still takes the input (an ordinary message that only resembles a crisis
    /// gets its answer); any other question is asked again, so that a possible crisis is never read
    /// as "nee" or as an option that ends the conversation. Returns true when the input is used up.
    mutating func answerSafety(_ text: String) -> Bool {
        let assessment = content.safetyAssessment(of: analysis(of: text).terms)
        safety = assessment.outcome
        switch assessment.outcome {
        case .none:
            return false
        case .check:
            say(content.phrases[.safetyCheck])
            // Shown, not advised: a check on words that only resemble a crisis must not become the
            // first steps of the person's plan.
            let card = content.crisisCard(assessment.categories.prefix(1))
            show(card)
            state.crisisCards = Array(TakeAwaySummary.unique((state.crisisCards ?? []) + card).prefix(SessionState.answerLimit))
            guard let position = state.position, let (_, step) = content.step(at: position),
                  step.effectiveExpectation != .open else { return false }
            return resumeAfterSafety()
        case .alarm:
            for category in assessment.categories {
                if let safetyFlow = content.safety, let step = safetyFlow.step(category) { emitMessages(of: step, in: safetyFlow) }
            }
            recommend(content.crisisCard(assessment.categories))
            return resumeAfterSafety()
        }
    }

    /// Offers to go on where the conversation was, with the pending question in its short form.
    private mutating func resumeAfterSafety() -> Bool {
        guard state.position != nil else { return true }
        say(content.phrases[.goOn])
        askAgain(short: true)
        return true
    }
}
