import DutchText
import Retrieval

/// Where the conversation meets the knowledge base: open questions, clarifying questions, side
/// questions and `lookup:` steps.
extension Conversation {
    /// Results a side question needs before it is answered in passing (a BM25F score).
    static let sideScore = 4.0
    /// A question about a word names its subject, so a lower score is enough to answer it.
    static let definitionScore = 1.0

    /// The passage that explains `term`: one whose heading (or title) opens with it, else one whose
    /// heading names it, else the best match.
    /// Short, common words ("wmo") score low in BM25 because every document has them, but the
    /// section "Wmo: hulp van de gemeente" is the one to read.
    func definitionPassage(_ term: String) -> SearchResult? {
        let results = search(term, limit: 20).filter { $0.score >= Self.definitionScore }
        let words = Tokenizer.plainWords(term).filter { $0.count >= 3 }
        func heading(_ result: SearchResult) -> [String] { Tokenizer.plainWords(result.passage.section ?? result.passage.title) }
        let opens = results.first { result in words.first.map { heading(result).first?.hasPrefix($0) == true } ?? false }
        let names = results.first { result in words.allSatisfy { word in heading(result).contains { $0.hasPrefix(word) } } }
        return opens ?? names ?? results.first
    }

    /// The person's own words: a flow's triggers, a clear answer, or a clarifying question.
    mutating func answerOpen(_ text: String, flow: Flow, step: Step) {
        let input = analysis(of: text)
        if !step.branches.isEmpty, let value = content.words.yesNo(input.plainWords) {
            return accept(value, flow: flow, step: step)
        }
        guard input.words.contains(where: { !$0.isStopWord && !Self.greetings.contains($0.surface) }) else {
            say(content.phrases[.tellMore])
            return ask(step, in: flow)
        }
        state.record(.init(flow: flow.id, step: step.id, key: step.answerKey, value: String(text.prefix(SessionState.storedTextLimit))))
        state.resetQuestion()
        state.followsStory = false
        state.storyPart = nil
        let (opening, needs) = content.opening(input)
        switch opening {
        case .flow(let id):
            guard let start = content.dialogs.flow(id) else { return stuck() }
            plan(needs, first: id)
            state.followsStory = true
            state.storyPart = needs.count > 1 ? needs.first { $0.flow == id }?.words : nil
            run(.init(flow: start.id, step: start.startStep))
        case .answer(let passage):
            plan(needs, first: content.flowsByRoute[passage.passage.route] ?? "")
            answerDirectly(passage)
            advance(from: step, in: flow, option: nil)
        case .clarify(let routes):
            state.clarifying = routes
            askClarification(routes)
        case .nothing:
            missed(flow: flow, step: step)
        }
    }

    static let greetings: Set<String> = ["hallo", "hoi", "hey", "hai", "goedemorgen", "goedemiddag", "goedenavond", "dag", "start"]

    mutating func askClarification(_ routes: [String]) {
        let options = routes.compactMap { content.knowledge.route(id: $0) }.map { Reply.Option(label: $0.name, value: $0.id) }
        say(content.phrases[.clarify], options: options + [Reply.Option(label: content.somethingElseOption.label, value: content.somethingElseOption.value)])
    }

    /// The answer to "Gaat het om een van deze?": a route, "Iets anders", or new words to try again.
    mutating func answerClarification(_ text: String, offered: [String], flow: Flow, step: Step) {
        let (values, choices) = content.clarifyingChoices(offered)
        state.clarifying = nil
        guard let index = AnswerReader.choice(analysis(of: text), among: choices) else {
            state.misses += 1
            return answerOpen(text, flow: flow, step: step)
        }
        let route = values[index]
        guard route != "anders" else { return missed(flow: flow, step: step) }
        let question = state.answer(step.answerKey)?.value ?? text
        if let best = search(question).first(where: { $0.passage.route == route }) {
            answerDirectly(best)
        } else {
            recommend([RouteReference(route)])
        }
        advance(from: step, in: flow, option: nil)
    }

    /// The words pointed nowhere: go to the step's `else:`; after two misses, offer a person.
    mutating func missed(flow: Flow, step: Step) {
        state.misses += 1
        if state.misses >= 2 { say(content.phrases[.humanHint]) }
        guard let otherwise = step.otherwise.flatMap({ resolve($0, in: flow) }) else { return stuck() }
        run(otherwise)
    }

    mutating func answerDirectly(_ result: SearchResult) {
        say(content.phrases[.bestFit] + "\n" + passageText(result))
        recommend([RouteReference(route: result.passage.route, document: result.passage.documentID)])
    }

    /// A side question while another question waits: answered when the knowledge base is sure enough.
    mutating func answerSideQuestion(_ text: String) -> Bool {
        let words = analysis(of: text).words.filter { !$0.isStopWord }
        guard words.count >= 2, let best = search(text).first, best.score >= Self.sideScore else { return false }
        let route = content.knowledge.route(id: best.passage.route)?.name ?? best.passage.route
        say(content.phrases[.sideAnswer] + "\n" + passageText(best) + "\nMeer hierover: \(route).")
        return true
    }

    /// "wat kost dat?" after advice, or "wat is een wlz-indicatie?" at any question: answered from
    /// the documents of the advice given last (for a question about it) or from the whole knowledge
    /// base (for a word), then the waiting question is asked again. Returns true when answered.
    mutating func answerFollowUp(_ text: String) -> Bool {
        guard state.position != nil, let followUp = FollowUpReader.read(analysis(of: text).plainWords) else { return false }
        switch followUp {
        case .aboutAdvice:
            guard let best = followUpPassage(text) else { return false }
            say(content.phrases[.aboutAdvice] + "\n" + passageText(best))
        case .definition(let term):
            guard let best = definitionPassage(term) else { return false }
            say(content.phrases[.sideAnswer] + "\n" + passageText(best))
        }
        askAgain(short: true)
        return true
    }

    /// The passage that answers a follow-up: from the cards of the latest advice, main desk first; the
    /// section for the question's aspect when a card has one ("Wat kost het"), else the best match.
    func followUpPassage(_ text: String) -> SearchResult? {
        let start = min(state.latestAdvice ?? max(0, state.advice.count - 1), state.advice.count)
        let cards = state.advice[start...].compactMap { RouteCard($0, in: content.knowledge, gemeente: state.gemeente) }
        guard let main = cards.first else { return nil }
        let documents = cards.map(\.document.id)
        // Which desk is settled, so the words alone choose among the cards' passages: BM25F without the
        // route classifier, which made a follow-up one of the slowest turns.
        let results = lexicalSearch(text + " " + main.document.title, limit: 50).filter { documents.contains($0.passage.documentID) }
        let headings = FollowUpReader.headings(for: content.analyzer.context(of: terms(of: text)).kinds)
        for document in documents {
            if let aspect = results.first(where: { result in
                result.passage.documentID == document && headings.contains { result.passage.section?.lowercased().contains($0) == true }
            }) { return aspect }
        }
        return results.first { $0.passage.documentID == main.document.id } ?? results.first
    }

    mutating func answerLookup(_ lookup: Step.Lookup) {
        let results = search(fill(lookup.query), limit: 50)
        guard let best = results.first(where: { lookup.routes.isEmpty || lookup.routes.contains($0.passage.route) }) else {
            return say(content.phrases[.nothingFound])
        }
        say(passageText(best))
    }

    func passageText(_ result: SearchResult) -> String {
        let title = result.passage.section.map { "\(result.passage.title) — \($0)" } ?? result.passage.title
        return "\(title): \(MarkdownText.snippet(result.passage.text, limit: 320))"
    }

    func search(_ text: String, limit: Int = 10) -> [SearchResult] {
        var searcher = Searcher(index: content.index)
        return searcher.search(words: terms(of: text), limit: limit)
    }

    /// The best passages for `text` by their words alone (BM25F), for when the route is already known.
    func lexicalSearch(_ text: String, limit: Int) -> [SearchResult] {
        var searcher = Searcher(index: content.index)
        let words = terms(of: text)
        return searcher.passages(words: words, context: content.analyzer.context(of: words), limit: limit)
    }
}
