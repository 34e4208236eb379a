import DutchText
import Retrieval

/// What the engine answers from: the flows, the knowledge base, its index and its safety net, with
/// the phrases of triggers and options analysed once, into one lexicon. A class: every turn of
/// every session shares it, and a reference is all a turn needs to carry.
public final class DialogueContent: Sendable {
    public let dialogs: DialogSet
    public let knowledge: KnowledgeBase
    public let index: BM25Index
    let lexicon: Lexicon
    /// Trigger phrases of every ordinary flow, in file order.
    let triggers: [(flow: String, pattern: PhraseMatcher.Pattern)]
    /// Trigger numbers by their first word: only those can match an input.
    private let triggersByFirstWord: [Lexicon.ID: [Int]]
    /// The safety layer every input passes first.
    public let safetyNet: SafetyNet
    /// The `yes-if-told:` phrases of every yes/no question, analysed once, by "flow#step".
    /// A phrase that says "niet" or "geen" itself ("kan niet meer") is matched on the whole story.
    private let toldYes: [String: [(pattern: PhraseMatcher.Pattern, denies: Bool)]]
    /// The options of every choice question, analysed once, by "flow#step".
    private let choices: [String: AnswerReader.Choices]
    /// Each route as an option of a clarifying question (its name), and the "Iets anders" option.
    private let routeChoices: [String: AnswerReader.Choices]
    let somethingElseChoice: AnswerReader.Choices
    /// "Iets anders" as the last option of a clarifying question, with the ways people say it.
    let somethingElseOption: Step.Option
    /// The engine's fixed sentences and the words of answers and commands, from `Dialogs/`.
    let phrases: Phrases
    let words: AnswerWords
    /// The safety flow, found once.
    let safety: Flow?
    /// Carer signs of every flow (`carer-signs:`), for the needs of a story about someone else.
    let carerSigns: [(flow: String, pattern: PhraseMatcher.Pattern)]
    /// The flow that takes up each route, for the needs of a story.
    let flowsByRoute: [String: String]

    /// `safetyNet` defaults to one trained on the knowledge base's safety corpus now.
    public init(dialogs: DialogSet, knowledge: KnowledgeBase, index: BM25Index, safetyNet: SafetyNet? = nil) {
        self.safetyNet = safetyNet ?? SafetyNet(knowledge: knowledge, analyzer: index.analyzer)
        self.dialogs = dialogs
        self.knowledge = knowledge
        self.index = index
        let analyzer = index.analyzer
        var lexicon = Lexicon()
        triggers = dialogs.flows.filter { $0.kind == .flow }.flatMap { flow in
            flow.triggers.map { (flow.id, PhraseMatcher.Pattern($0.text, analyzer: analyzer, lexicon: &lexicon)) }
        }
        safety = dialogs.safety
        carerSigns = dialogs.flows.filter { $0.kind == .flow }.flatMap { flow in
            flow.carerSigns.map { (flow.id, PhraseMatcher.Pattern($0.text, analyzer: analyzer, lexicon: &lexicon)) }
        }
        flowsByRoute = dialogs.flowsByRoute
        var choices: [String: AnswerReader.Choices] = [:]
        for flow in dialogs.flows {
            for step in flow.steps where !step.options.isEmpty {
                choices[flow.id + "#" + step.id] = AnswerReader.Choices(step.options, analyzer: analyzer, lexicon: &lexicon)
            }
        }
        self.choices = choices
        var toldYes: [String: [(pattern: PhraseMatcher.Pattern, denies: Bool)]] = [:]
        for flow in dialogs.flows {
            for step in flow.steps where !step.yesIfTold.isEmpty {
                toldYes[flow.id + "#" + step.id] = step.yesIfTold.map { phrase in
                    (PhraseMatcher.Pattern(phrase, analyzer: analyzer, lexicon: &lexicon), analyzer.analyze(phrase).contains(where: \.isNegation))
                }
            }
        }
        self.toldYes = toldYes
        var routeChoices: [String: AnswerReader.Choices] = [:]
        for route in knowledge.routes {
            let option = Step.Option(value: route.id, label: route.name, synonyms: [], target: nil, line: 0)
            routeChoices[route.id] = AnswerReader.Choices([option], analyzer: analyzer, lexicon: &lexicon)
        }
        self.routeChoices = routeChoices
        phrases = dialogs.phrases
        words = dialogs.words
        somethingElseOption = Step.Option(value: "anders", label: dialogs.phrases[.optionSomethingElse], synonyms: dialogs.words.somethingElse,
                                          target: nil, line: 0)
        somethingElseChoice = AnswerReader.Choices([somethingElseOption], analyzer: analyzer, lexicon: &lexicon)
        self.lexicon = lexicon
        self.analyzer = analyzer.remembering(lexicon.words.map(\.surface) + dialogs.words.all)
        triggersByFirstWord = Self.byFirstWord(triggers.map(\.pattern))
    }

    private static func byFirstWord(_ patterns: [PhraseMatcher.Pattern]) -> [Lexicon.ID: [Int]] {
        var index: [Lexicon.ID: [Int]] = [:]
        for (number, pattern) in patterns.enumerated() {
            if let first = pattern.words.first { index[first, default: []].append(number) }
        }
        return index
    }

    /// The index's analyzer, also knowing the words people answer with, which the knowledge base
    /// may not contain ("nee", "klopt", "stoppen"): each turn looks their stems up.
    let analyzer: Analyzer

    /// `text` analysed for matching against the content's phrases; `also` is read with it (the
    /// routes a local desk name stands for).
    func analyse(_ text: String, also: String = "") -> AnalysedInput {
        also.isEmpty ? AnalysedInput(text, analyzer: analyzer, lexicon: lexicon)
                     : AnalysedInput(text, terms: analyzer.analyze(text + also), lexicon: lexicon)
    }

    /// What the safety net makes of `text`.
    public func safetyAssessment(of text: String) -> SafetyAssessment {
        safetyAssessment(of: analyse(text).terms)
    }

    /// The crisis card of `categories`: their documents, each once, as route references.
    func crisisCard(_ categories: some Sequence<String>) -> [RouteReference] {
        var references: [RouteReference] = []
        for id in categories {
            for document in knowledge.safetyCategories.first(where: { $0.id == id })?.documents ?? [] {
                guard let route = knowledge.document(id: document)?.route, !references.contains(where: { $0.document == document })
                else { continue }
                references.append(RouteReference(route: route, document: document))
            }
        }
        return references
    }

    /// What the safety net makes of analysed words.
    func safetyAssessment(of terms: [AnalyzedTerm]) -> SafetyAssessment {
        safetyNet.assess(terms, context: analyzer.context(of: terms))
    }

    /// The flow whose trigger matches best; ties go to the trigger that comes first.
    func triggeredFlow(_ input: AnalysedInput) -> String? {
        var best: (flow: String, score: Double)?
        for number in Self.candidates(input, triggersByFirstWord).sorted() {
            guard let score = PhraseMatcher.match(triggers[number].pattern, in: input), score > (best?.score ?? 0) else { continue }
            best = (triggers[number].flow, score)
        }
        return best?.flow
    }

    /// The patterns whose first word the input resembles, each once.
    private static func candidates(_ input: AnalysedInput, _ byFirstWord: [Lexicon.ID: [Int]]) -> Set<Int> {
        var numbers: Set<Int> = []
        for hit in input.hits { numbers.formUnion(byFirstWord[hit.id] ?? []) }
        return numbers
    }

    /// Whether `story` says one of the step's `yes-if-told:` phrases, the way a trigger is found (its
    /// words in order, allowing inflection and small typos), with no word of it denied ("ik heb geen
    /// wlz-indicatie"). A phrase with its own "niet" ("ik kan niet meer") is the denial itself.
    func storySaysYes(_ step: Step, in flow: Flow, story: AnalysedInput) -> Bool {
        guard let phrases = toldYes[flow.id + "#" + step.id] else { return false }
        let context = analyzer.context(of: story.terms)
        let positions = story.terms.filter { $0.origin == .word }.map(\.position)
        let undenied = story.keepingHits { !context.isNegated(positions[$0.position]) }
        return phrases.contains { PhraseMatcher.match($0.pattern, in: $0.denies ? story : undenied) != nil }
    }

    /// The options of `step` in `flow`, analysed.
    func choices(of step: Step, in flow: Flow) -> AnswerReader.Choices {
        choices[flow.id + "#" + step.id] ?? AnswerReader.Choices(exact: [], phrases: [])
    }

    /// The routes of a clarifying question that the knowledge base has, then "Iets anders": the value
    /// of each option, and the options prepared for reading the answer.
    func clarifyingChoices(_ routes: [String]) -> (values: [String], choices: AnswerReader.Choices) {
        let known = routes.filter { routeChoices[$0] != nil }
        let choices = known.map { routeChoices[$0]! }.reduce(AnswerReader.Choices(exact: [], phrases: []), +) + somethingElseChoice
        return (known + [somethingElseOption.value], choices)
    }

    /// The step at `position`, with its flow.
    func step(at position: SessionState.Position) -> (Flow, Step)? {
        guard let flow = dialogs.flow(position.flow), let step = flow.step(position.step) else { return nil }
        return (flow, step)
    }
}
