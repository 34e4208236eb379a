import DutchText
import Retrieval

/// What the engine answers from: the flows, the knowledge base and its index, with the phrases of
/// triggers and safety signals analysed once.
public struct DialogueContent: Sendable {
    public let dialogs: DialogSet
    public let knowledge: KnowledgeBase
    public let index: BM25Index
    /// Trigger phrases of every ordinary flow, in file order.
    let triggers: [(flow: String, pattern: PhraseMatcher.Pattern)]
    /// Signal phrases of every safety step, in file order.
    let signals: [(step: String, pattern: PhraseMatcher.Pattern)]
    /// The options of every choice question, analysed once, by "flow#step".
    let choices: [String: AnswerReader.Choices]

    public init(dialogs: DialogSet, knowledge: KnowledgeBase, index: BM25Index) {
        self.dialogs = dialogs
        self.knowledge = knowledge
        self.index = index
        let analyzer = index.analyzer
        triggers = dialogs.flows.filter { $0.kind == .flow }.flatMap { flow in
            flow.triggers.map { (flow.id, PhraseMatcher.Pattern($0.text, analyzer: analyzer)) }
        }
        var choices: [String: AnswerReader.Choices] = [:]
        for flow in dialogs.flows {
            for step in flow.steps where !step.options.isEmpty {
                choices[flow.id + "#" + step.id] = AnswerReader.Choices(step.options, analyzer: analyzer)
            }
        }
        self.choices = choices
        signals = (dialogs.safety?.steps ?? []).flatMap { step in
            step.signals.map { (step.id, PhraseMatcher.Pattern($0.text, analyzer: analyzer)) }
        }
    }

    var analyzer: Analyzer { index.analyzer }

    /// The safety steps whose signals occur in `text`.
    public func safetyCategories(in text: String) -> Set<String> {
        safetyCategories(in: MatchWord.words(of: text, analyzer: analyzer))
    }

    /// The safety steps whose signals occur among `words` (the analysed input).
    func safetyCategories(in words: [MatchWord]) -> Set<String> {
        Set(signals.filter { PhraseMatcher.match($0.pattern, in: words) != nil }.map(\.step))
    }

    /// The options of `step` in `flow`, analysed.
    func choices(of step: Step, in flow: Flow) -> AnswerReader.Choices {
        choices[flow.id + "#" + step.id] ?? AnswerReader.Choices(step.options, analyzer: analyzer)
    }

    /// The step at `position`, with its flow.
    func step(at position: SessionState.Position) -> (Flow, Step)? {
        guard let flow = dialogs.flow(position.flow), let step = flow.step(position.step) else { return nil }
        return (flow, step)
    }
}
