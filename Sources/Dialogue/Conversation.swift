import DutchText
import Retrieval

/// One turn in progress: the state being changed and the replies being collected. Engine creates
/// one per input and throws it away after `turn()`.
struct Conversation {
    let content: DialogueContent
    var state: SessionState
    let now: Int64
    var replies: [Reply] = []
    var routes: [String] = []
    var cards: [RouteCard] = []
    var erased = false
    var safety: SafetyAssessment.Outcome = .none
    /// The input of this turn, analysed: safety, answers and retrieval all need it, once.
    private var analysed: AnalysedInput?

    init(content: DialogueContent, state: SessionState, now: Int64) {
        self.content = content
        self.state = state
        self.now = now
    }

    /// `text` analysed, at most once per turn, with the routes of local desk names it uses.
    mutating func analysis(of text: String) -> AnalysedInput {
        if let analysed, analysed.text == text { return analysed }
        let input = content.analyse(text, also: localRouteWords(in: text))
        analysed = input
        return input
    }

    /// The analyzer's terms of `text`: this turn's analysis when `text` is the input, else fresh.
    func terms(of text: String) -> [AnalyzedTerm] {
        if let analysed, analysed.text == text { return analysed.terms }
        return content.analyzer.analyze(text + localRouteWords(in: text))
    }

    /// In the person's gemeente, the names of the routes whose local desks the text names.
    func localRouteWords(in text: String) -> String {
        content.knowledge.localRouteWords(in: text, gemeente: state.gemeente)
    }

    func turn() -> Turn {
        Turn(replies: replies, routes: routes, state: state, erased: erased, safety: safety, cards: cards)
    }

    /// Starts at the intake's first step.
    mutating func begin() {
        guard let intake = content.dialogs.intake else { return stuck() }
        run(.init(flow: intake.id, step: intake.startStep))
    }

    /// Safety first, then commands, then a question about what was just said, then the pending question.
    mutating func handle(_ input: String) {
        state.lastActive = now
        let text = input.trimmed()
        if text.isEmpty { return askAgain(short: false) }
        if answerSafety(text) { return }
        notePlace(text)
        if let command = content.words.command(analysis(of: text).plainWords) { return perform(command) }
        if answerFollowUp(text) { return }
        if let people = state.people { return answerPeople(text, offered: people) }
        if let need = state.offered { return answerOffer(text, need: need) }
        guard let position = state.position, let (flow, step) = content.step(at: position) else { return stuck() }
        if let offered = state.clarifying { return answerClarification(text, offered: offered, flow: flow, step: step) }
        answer(text, flow: flow, step: step)
    }

    /// "ik woon in Tilburg": the cards name that gemeente, and its own desks where an overlay has
    /// them, from now on. Said once, when the gemeente is new.
    mutating func notePlace(_ text: String) {
        let knowledge = content.knowledge
        guard !knowledge.gemeenten.isEmpty,
              let place = knowledge.gemeenten.mentioned(inWords: analysis(of: text).plainWords, isWord: { knowledge.tables.lexicon.contains($0) }),
              place.name != state.gemeente else { return }
        state.gemeente = place.name
        say(content.phrases.fill(knowledge.overlay(for: place.name) == nil ? .placeNoted : .placeNotedLocal, ["gemeente": place.name]))
    }

    // MARK: Running steps

    /// Runs steps from `position` until one asks a question or the conversation ends. Reaching the
    /// intake's `meer` while needs of the story wait takes up the next need instead. `resuming` is
    /// set for a step whose sub-flow just returned: it continues after its `call:`.
    mutating func run(_ start: SessionState.Position, resuming: Bool = false) {
        var position = start
        var resume = resuming
        for _ in 0..<64 {
            guard let (flow, step) = content.step(at: position) else { return stuck() }
            if state.needs != nil && flow.id == DialogSet.intakeID && step.id == DialogSet.moreStepID { return afterAdvice() }
            let resumed = resume
            resume = false
            if !resumed {
                emitMessages(of: step, in: flow)
                if let lookup = step.lookup { answerLookup(lookup) }
                recommend(step.advice)
                if let call = step.call, let called = content.dialogs.flow(call) {
                    state.stack.append(position)
                    position = .init(flow: called.id, step: called.startStep)
                    continue
                }
            }
            if let end = step.end {
                recommend(end)
                guard let caller = state.stack.popLast() else { return ended(flow, step) }
                position = caller
                resume = true
                continue
            }
            if step.question != nil && !resumed {
                state.position = position
                state.resetQuestion()
                if let option = answerFromStory(step, in: flow) {
                    state.record(.init(flow: flow.id, step: step.id, key: step.answerKey, value: option.value))
                    say(content.phrases.fill(.alreadyTold, ["antwoord": option.label]))
                    guard let next = self.next(after: step, in: flow, option: option) else { return stuck() }
                    position = next
                    continue
                }
                if step.effectiveExpectation == .yesNo, state.followsStory, let story = state.lastStory(in: content.dialogs),
                   content.storySaysYes(step, in: flow, story: content.analyse(story)) {
                    state.record(.init(flow: flow.id, step: step.id, key: step.answerKey, value: "ja"))
                    say(content.phrases.fill(.alreadyToldYes, ["vraag": step.shortQuestion ?? question(of: step, in: flow)]))
                    guard let next = self.next(after: step, in: flow, option: nil) else { return stuck() }
                    position = next
                    continue
                }
                guard let age = ageFromStory(step) else { return ask(step, in: flow) }
                state.record(.init(flow: flow.id, step: step.id, key: step.answerKey, value: String(age)))
                say(content.phrases.fill(.alreadyToldAge, ["leeftijd": String(age)]))
                guard let next = self.next(after: step, in: flow, option: nil) else { return stuck() }
                position = next
                continue
            }
            guard let next = self.next(after: step, in: flow, option: nil) else { return stuck() }
            position = next
        }
        stuck()
    }

    /// The option of a choice question that the story which started this flow clearly names, if any:
    /// listen first, and do not ask what the person already said.
    /// The part of the story this flow takes up is read first; the whole story next, where a tie
    /// between two options (one from each need) still asks.
    func answerFromStory(_ step: Step, in flow: Flow) -> Step.Option? {
        guard state.followsStory, step.effectiveExpectation == .choice, let story = state.lastStory(in: content.dialogs) else { return nil }
        let choices = content.choices(of: step, in: flow)
        for text in [state.storyPart, story].compactMap({ $0 }) {
            if let index = AnswerReader.choice(content.analyse(text), among: choices, minimumScore: 1.5) { return step.options[index] }
        }
        return nil
    }

    private func question(of step: Step, in flow: Flow) -> String {
        step.question.map { fill(wording($0, flow: flow, step: step)) } ?? ""
    }

    /// The age the story told, for a number question that can take it: never ask what is known.
    func ageFromStory(_ step: Step) -> Int? {
        guard state.followsStory, case .number(let range) = step.effectiveExpectation, let story = state.lastStory(in: content.dialogs),
              let age = AnswerReader.age(in: Tokenizer.plainWords(story)), range.contains(age) else { return nil }
        return age
    }

    /// Where a step leads: the chosen option's target, the first `if:` that holds, else `goto:`.
    func next(after step: Step, in flow: Flow, option: Step.Option?) -> SessionState.Position? {
        let target = option?.target
            ?? step.branches.first { $0.condition.holds { state.answer($0)?.value } }?.target
            ?? step.next
        return target.flatMap { resolve($0, in: flow) }
    }

    func resolve(_ target: Target, in flow: Flow) -> SessionState.Position? {
        switch target {
        case .step(let id): return .init(flow: flow.id, step: id)
        case .flow(let id): return content.dialogs.flow(id).map { .init(flow: $0.id, step: $0.startStep) }
        }
    }

    /// Goes on from an answered (or skipped) question.
    mutating func advance(from step: Step, in flow: Flow, option: Step.Option?) {
        guard let next = next(after: step, in: flow, option: option) else { return stuck() }
        run(next)
    }

    /// A flow has given its advice. Only the intake's closing step ends the conversation; after any
    /// other ending the next need of the story is taken up, or the intake asks whether there is more.
    mutating func ended(_ flow: Flow, _ step: Step) {
        if flow.id == DialogSet.intakeID && step.id == DialogSet.closingStepID { return finish() }
        afterAdvice()
    }

    /// Ends the conversation with the take-away summary; the state keeps nothing a caller must store.
    mutating func finish() {
        let summary = TakeAwaySummary.text(state, content: content, now: now)
        state.needs = nil
        state.position = nil
        state.stack = []
        state.clarifying = nil
        state.offered = nil
        state.people = nil
        state.ended = true
        say(summary)
        say(content.phrases[.goodbye])
    }

    /// Content that leads nowhere must still not leave the person stuck.
    mutating func stuck() {
        say(content.phrases[.broken] + " " + content.phrases[.humanHint])
        recommend([RouteReference("clientondersteuning"), RouteReference("juiste-loket")])
        finish()
    }

    // MARK: Emitting

    mutating func say(_ text: String, options: [Reply.Option] = []) {
        replies.append(Reply(text: text, options: options))
    }

    mutating func emitMessages(of step: Step, in flow: Flow) {
        guard !step.messages.isEmpty else { return }
        say(step.messages.map { fill(wording($0, flow: flow, step: step)) }.joined(separator: "\n"))
    }

    /// Shows cards for `references` and records them for the turn and the summary.
    mutating func recommend(_ references: [RouteReference]) {
        for reference in references {
            guard let card = RouteCard(reference, in: content.knowledge, gemeente: state.gemeente) else { continue }
            if cards.isEmpty { state.latestAdvice = state.advice.count }
            state.advice.append(reference)
            if state.advice.count > SessionState.answerLimit {
                state.advice.removeFirst()
                state.latestAdvice = state.latestAdvice.map { max(0, $0 - 1) }
            }
            if !routes.contains(reference.route) { routes.append(reference.route) }
            cards.append(card)
            say(card.text)
        }
    }

    /// Shows cards for `references` in this turn without recording them as advice for the summary.
    mutating func show(_ references: [RouteReference]) {
        for reference in references {
            guard let card = RouteCard(reference, in: content.knowledge, gemeente: state.gemeente) else { continue }
            if !routes.contains(reference.route) { routes.append(reference.route) }
            cards.append(card)
            say(card.text)
        }
    }

    /// Asks the step's question, with its options.
    mutating func ask(_ step: Step, in flow: Flow, short: Bool = false, extra: [Reply.Option] = []) {
        guard let question = step.question else { return }
        let text = short ? (step.shortQuestion.map(fill) ?? fill(wording(question, flow: flow, step: step)))
            : fill(wording(question, flow: flow, step: step))
        say(text, options: options(of: step) + extra)
    }

    func options(of step: Step) -> [Reply.Option] {
        switch step.effectiveExpectation {
        case .choice: step.options.map { Reply.Option(label: $0.label, value: $0.value) }
        case .yesNo: content.phrases.yesNoOptions
        default: []
        }
    }

    /// The pending question again (or the pending clarifying question).
    mutating func askAgain(short: Bool) {
        if state.people != nil { return offerPeople() }
        if let need = state.offered { return offer(need) }
        if let offered = state.clarifying { return askClarification(offered) }
        guard let position = state.position, let (flow, step) = content.step(at: position) else { return }
        ask(step, in: flow, short: short)
    }

    /// One of the wordings, the same one for the whole session.
    func wording(_ wording: Step.Wording, flow: Flow, step: Step) -> String {
        guard wording.variants.count > 1 else { return wording.variants[0] }
        let hash = StableHash.fnv1a("\(flow.id)#\(step.id)#\(wording.line)".utf8, seed: state.seed)
        return wording.variants[Int(hash % UInt64(wording.variants.count))]
    }

    func fill(_ text: String) -> String {
        Self.fill(text, from: state, content: content)
    }

    /// Static, so the closure captures the state and content it reads rather than a copy of the
    /// whole conversation, on every message of every turn.
    private static func fill(_ text: String, from state: SessionState, content: DialogueContent) -> String {
        Interpolation.fill(text) { key in
            guard let answer = state.answer(key) else { return nil }
            return content.step(at: .init(flow: answer.flow, step: answer.step)).map { shown(answer, step: $0.1, phrases: content.phrases) } ?? answer.value
        }
    }

    /// An answer as the person would say it: the option's label for a choice.
    static func shown(_ answer: SessionState.Answer, step: Step, phrases: Phrases) -> String {
        if answer.value == AnswerReader.unknownValue { return phrases[.unknownAnswer] }
        return step.options.first { $0.value == answer.value }?.label ?? answer.value
    }
}
