import DutchText
import Retrieval

/// What the engine answers from: the flows, the knowledge base and its index, with the phrases of
/// triggers, safety signals and options analysed once, into one lexicon. A class: every turn of
/// every session shares it, and a reference is all a turn needs to carry.
public final class DialogueContent: Sendable {
    public let dialogs: DialogSet
    public let knowledge: KnowledgeBase
    public let index: BM25Index
    let lexicon: Lexicon
    /// Trigger phrases of every ordinary flow, in file order.
    let triggers: [(flow: String, pattern: PhraseMatcher.Pattern)]
    /// Signal phrases of every safety step, in file order.
    let signals: [(step: String, pattern: PhraseMatcher.Pattern)]
    /// Trigger and signal numbers by their first word: only those can match an input.
    private let triggersByFirstWord: [Lexicon.ID: [Int]]
    private let signalsByFirstWord: [Lexicon.ID: [Int]]
    /// The options of every choice question, analysed once, by "flow#step".
    private let choices: [String: AnswerReader.Choices]
    /// Each route as an option of a clarifying question (its name), and the "Iets anders" option.
    private let routeChoices: [String: AnswerReader.Choices]
    let somethingElseChoice: AnswerReader.Choices
    /// The safety flow, found once.
    let safety: Flow?

    public init(dialogs: DialogSet, knowledge: KnowledgeBase, index: BM25Index) {
        self.dialogs = dialogs
        self.knowledge = knowledge
        self.index = index
        let analyzer = index.analyzer
        var lexicon = Lexicon()
        triggers = dialogs.flows.filter { $0.kind == .flow }.flatMap { flow in
            flow.triggers.map { (flow.id, PhraseMatcher.Pattern($0.text, analyzer: analyzer, lexicon: &lexicon)) }
        }
        safety = dialogs.safety
        signals = (safety?.steps ?? []).flatMap { step in
            step.signals.map { (step.id, PhraseMatcher.Pattern($0.text, analyzer: analyzer, lexicon: &lexicon)) }
        }
        var choices: [String: AnswerReader.Choices] = [:]
        for flow in dialogs.flows {
            for step in flow.steps where !step.options.isEmpty {
                choices[flow.id + "#" + step.id] = AnswerReader.Choices(step.options, analyzer: analyzer, lexicon: &lexicon)
            }
        }
        self.choices = choices
        var routeChoices: [String: AnswerReader.Choices] = [:]
        for route in knowledge.routes {
            let option = Step.Option(value: route.id, label: route.name, synonyms: [], target: nil, line: 0)
            routeChoices[route.id] = AnswerReader.Choices([option], analyzer: analyzer, lexicon: &lexicon)
        }
        self.routeChoices = routeChoices
        somethingElseChoice = AnswerReader.Choices([Phrases.somethingElseOption], analyzer: analyzer, lexicon: &lexicon)
        self.lexicon = lexicon
        self.analyzer = analyzer.remembering(Self.answerWords(lexicon))
        triggersByFirstWord = Self.byFirstWord(triggers.map(\.pattern))
        signalsByFirstWord = Self.byFirstWord(signals.map(\.pattern))
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

    private static func answerWords(_ lexicon: Lexicon) -> [String] {
        let commands = Command.phrases.keys.flatMap { $0.split(separator: " ").map(String.init) }
        return lexicon.words.map(\.surface) + AnswerReader.yesWords + AnswerReader.noWords + AnswerReader.unsureWords + commands
    }

    /// `text` analysed for matching against the content's phrases.
    func analyse(_ text: String) -> AnalysedInput {
        AnalysedInput(text, analyzer: analyzer, lexicon: lexicon)
    }

    /// The safety steps whose signals occur in `text`.
    public func safetyCategories(in text: String) -> Set<String> {
        safetyCategories(in: analyse(text))
    }

    /// The safety steps whose signals occur in the analysed input.
    func safetyCategories(in input: AnalysedInput) -> Set<String> {
        var steps: Set<String> = []
        for number in Self.candidates(input, signalsByFirstWord) where PhraseMatcher.match(signals[number].pattern, in: input) != nil {
            steps.insert(signals[number].step)
        }
        return steps
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

    /// The options of `step` in `flow`, analysed.
    func choices(of step: Step, in flow: Flow) -> AnswerReader.Choices {
        choices[flow.id + "#" + step.id] ?? AnswerReader.Choices(exact: [], phrases: [])
    }

    /// The routes of a clarifying question that the knowledge base has, then "Iets anders": the value
    /// of each option, and the options prepared for reading the answer.
    func clarifyingChoices(_ routes: [String]) -> (values: [String], choices: AnswerReader.Choices) {
        let known = routes.filter { routeChoices[$0] != nil }
        let choices = known.map { routeChoices[$0]! }.reduce(AnswerReader.Choices(exact: [], phrases: []), +) + somethingElseChoice
        return (known + [Phrases.somethingElseOption.value], choices)
    }

    /// The step at `position`, with its flow.
    func step(at position: SessionState.Position) -> (Flow, Step)? {
        guard let flow = dialogs.flow(position.flow), let step = flow.step(position.step) else { return nil }
        return (flow, step)
    }
}
