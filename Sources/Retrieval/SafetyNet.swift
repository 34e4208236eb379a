import DutchText

/// The safety layer: does a message signal acute danger, of which kind, and how sure is that?
///
/// Two detectors, either of which may fire. Signals (`veiligheid/signalen.tsv`) are a few words that
/// must all occur in one clause, in any order, matched on lemma, stem or exact form but never on a
/// compound part ("afgeslagen" is not "slaan"): reviewable by a care professional, and exact. A classifier trained on the labelled corpus (`veiligheid/*.txt`) catches what no
/// signal names: euphemisms, described acts, typos. The context cues of the clause then decide what
/// a hit means: said plainly now, it is an alarm; in the past or as a supposition, it is a check
/// ("is someone in danger now?"), so a possible crisis is never silenced; denied ("ik heb geen
/// gedachten aan zelfmoord"), it is nothing. A medical emergency that is over or supposed is
/// nothing: it is a question, not an emergency.
public struct SafetyNet: Sendable {
    public let categories: [SafetyCategory]
    public let classifier: RouteClassifier?
    public var settings: Settings
    private let signals: [Signal]
    /// Signal numbers by the lemma or form of their first exact word; signals that start with a
    /// prefix word are tried on every clause.
    private let signalsByWord: [String: [Int]]
    private let prefixSignals: [Int]

    /// When the classifier alone fires; chosen by cross-validation (`routewijzer-bench safety`).
    public struct Settings: Equatable, Sendable {
        /// From this chance that a message is a crisis the classifier raises an alarm by itself.
        public var alarmProbability = 0.75
        /// From this chance it asks the check question.
        public var checkProbability = 0.45
        /// The classifier judges a message alone only from this many content words on: on one or two
        /// words ("voor mezelf", "blauw", "ja eerlijk gezegd ben ik op") a linear model hears its
        /// strongest feature, not a message. Short crises are the signals' work ("wil dood", "kras
        /// mezelf").
        public var minimumClassifierWords = 3
        public init() {}
    }

    /// One signal word, prepared: its lemma, stem and folded form, or a prefix.
    private enum Word: Sendable {
        case exact(lemma: String, stem: String, form: String)
        case prefix(String)
    }

    private struct Signal: Sendable {
        var category: String
        var words: [Word]
        var text: String
    }

    /// A word of a message shorter than this is never read as a typo of a signal word: short words
    /// have too many neighbours ("slaat", "slaap").
    public static let minimumCorrectedLength = 8

    public init(categories: [SafetyCategory], signals: [SafetySignal], classifier: RouteClassifier?, analyzer: Analyzer,
                settings: Settings = Settings()) {
        self.categories = categories
        self.classifier = classifier
        self.settings = settings
        let known = Set(categories.map(\.id))
        let prepared = signals.filter { known.contains($0.category) }.map { signal in
            Signal(category: signal.category, words: signal.words.map { word in
                if word.hasSuffix("*") { return .prefix(String(word.dropLast())) }
                let term = analyzer.analyze(word).first { $0.origin == .word }
                return .exact(lemma: term?.lemma ?? word, stem: term?.stem ?? word, form: word)
            }, text: signal.words.joined(separator: " "))
        }
        self.signals = prepared
        var byWord: [String: [Int]] = [:], prefixed: [Int] = []
        for (number, signal) in prepared.enumerated() {
            switch signal.words[0] {
            case .exact(let lemma, let stem, let form):
                for key in Set([lemma, stem, form]) { byWord[key, default: []].append(number) }
            case .prefix:
                prefixed.append(number)
            }
        }
        signalsByWord = byWord
        prefixSignals = prefixed
    }

    /// The safety net of a knowledge base, with a classifier already trained on its corpus (or nil
    /// to train one now, or when the content has no corpus).
    public init(knowledge: KnowledgeBase, analyzer: Analyzer, classifier: RouteClassifier? = nil) {
        let examples = Self.trainingExamples(knowledge)
        let trained = classifier ?? (examples.isEmpty ? nil : RouteClassifier(examples: examples, analyzer: analyzer, settings: Self.training))
        self.init(categories: knowledge.safetyCategories, signals: knowledge.safetySignals, classifier: trained, analyzer: analyzer)
    }

    /// How the classifier trains: the route classifier's settings, and phrases of every word, since
    /// danger is often said in small words; chosen by cross-validation (`routewijzer-bench safety`).
    public static let training: RouteClassifier.Settings = {
        var settings = RouteClassifier.Settings()
        settings.phrases = true
        return settings
    }()

    /// What the classifier learns from: the safety corpus, and as more ordinary messages, the example
    /// questions of every route that no crisis card names. Thousands of everyday care questions teach
    /// it what is not a crisis better than any list of look-alikes could.
    public static func trainingExamples(_ knowledge: KnowledgeBase) -> [IntentExample] {
        guard !knowledge.safetyExamples.isEmpty else { return [] }
        let crisisRoutes = Set(knowledge.safetyCategories.flatMap(\.documents).compactMap { knowledge.document(id: $0)?.route })
        return knowledge.safetyExamples + knowledge.examples.filter { !crisisRoutes.contains($0.route) }.map { example in
            var ordinary = example
            ordinary.route = SafetyCategory.none
            return ordinary
        }
    }

    /// What `words` (from `Analyzer.analyze`) and their context cues say about danger.
    public func assess(_ words: [AnalyzedTerm], context: ContextReading) -> SafetyAssessment {
        var evidence = signalEvidence(words, context: context)
        let contentWords = words.filter { $0.origin == .word && !$0.isStopWord }.count
        if let classifier, contentWords >= settings.minimumClassifierWords {
            evidence += classifierEvidence(classifier.probabilities(words, context: context), classifier: classifier,
                                           context: context, signalled: evidence)
        }
        return SafetyAssessment(evidence: evidence, categoryOrder: categories.map(\.id))
    }

    // MARK: Signals

    private func signalEvidence(_ words: [AnalyzedTerm], context: ContextReading) -> [SafetyAssessment.Evidence] {
        let clauses = context.clauses.isEmpty ? [0..<Int.max] : context.clauses
        // Words by clause in one pass (both are in position order): a long text costs its length.
        var termsByClause = [[AnalyzedTerm]](repeating: [], count: clauses.count)
        var current = 0
        for term in words where term.origin == .word || term.origin == .joined {
            while current < clauses.count - 1 && term.position >= clauses[current].upperBound { current += 1 }
            termsByClause[current].append(term)
        }
        var found: [SafetyAssessment.Evidence] = []
        for (clause, inClause) in zip(clauses, termsByClause) {
            var candidates = Set(prefixSignals)
            for term in inClause {
                candidates.formUnion(signalsByWord[term.lemma] ?? [])
                candidates.formUnion(signalsByWord[term.stem] ?? [])
                candidates.formUnion(signalsByWord[term.surface] ?? [])
                if term.surface.unicodeScalars.count >= Self.minimumCorrectedLength && !term.isDutchWord {
                    candidates.formUnion(signals.indices.filter { Self.resembles(term, signals[$0].words[0]) })
                }
            }
            for number in candidates.sorted() {
                let signal = signals[number]
                var positions: [Int] = []
                for word in signal.words {
                    guard let term = inClause.first(where: { Self.matches($0, word) }) else { positions = []; break }
                    positions.append(term.position)
                }
                guard !positions.isEmpty else { continue }
                let marks = Self.marks(for: positions, in: clause, context: context)
                found.append(.init(category: signal.category, source: .signal(signal.text), marks: marks,
                                   outcome: outcome(for: signal.category, marks: marks)))
            }
        }
        return found
    }

    private static func matches(_ term: AnalyzedTerm, _ word: Word) -> Bool {
        switch word {
        case .exact(let lemma, let stem, let form):
            term.lemma == lemma || term.surface == form || (!term.isStopWord && term.stem == stem) || resembles(term, word)
        case .prefix(let prefix): term.surface.hasPrefix(prefix) || term.lemma.hasPrefix(prefix)
        }
    }

    /// A long word outside the lexicon one edit away from a long signal word: "zelfmoort".
    private static func resembles(_ term: AnalyzedTerm, _ word: Word) -> Bool {
        guard case .exact(_, _, let form) = word, !term.isDutchWord,
              term.surface.unicodeScalars.count >= minimumCorrectedLength,
              form.unicodeScalars.count >= minimumCorrectedLength else { return false }
        return EditDistance.distance(term.surface, form, limit: 1) != nil
    }

    /// The context marks that reach a signal: a negation whose trigger is not part of the signal
    /// ("niet" in "wil niet meer leven" is the signal itself), and the clause's time.
    private static func marks(for positions: [Int], in clause: Range<Int>, context: ContextReading) -> Set<CueKind> {
        var marks: Set<CueKind> = []
        for cue in context.cues(in: clause) {
            switch cue.kind {
            case .negation where !positions.contains(cue.position) && positions.contains(where: cue.scope.contains):
                marks.insert(.negation)
            case .past, .hypothetical:
                marks.insert(cue.kind)
            default:
                break
            }
        }
        return marks
    }

    // MARK: Classifier

    /// The classifier fires on the chance that the message is any crisis at all (one minus the
    /// chance of an ordinary message), and names the likeliest category: a message torn between
    /// two kinds of danger is still a danger.
    private func classifierEvidence(_ probabilities: [Double], classifier: RouteClassifier, context: ContextReading,
                                    signalled: [SafetyAssessment.Evidence]) -> [SafetyAssessment.Evidence] {
        let labelled = zip(classifier.routes, probabilities)
        let crisis = 1 - classifier.probability(of: SafetyCategory.none, in: probabilities)
        guard crisis >= settings.checkProbability,
              let category = labelled.filter({ $0.0 != SafetyCategory.none }).max(by: { $0.1 < $1.1 })?.0 else { return [] }
        // The classifier learned negated crises ("ik wil niet meer leven") from its corpus; only time
        // turns its alarm into a check, because it cannot tell which words a time reaches.
        let kinds = context.kinds.intersection([.past, .hypothetical])
        var outcome: SafetyAssessment.Outcome = crisis >= settings.alarmProbability ? .alarm : .check
        // A denied signal ("ik heb geen zelfmoordgedachten") is not overruled by a classifier that is
        // merely fairly sure; a classifier that is sure still gets a gentle check.
        if signalled.contains(where: { $0.category == category && $0.marks.contains(.negation) }) {
            outcome = outcome == .alarm ? .check : .none
        }
        if outcome == .alarm && !kinds.isEmpty { outcome = .check }
        if category == Self.medicalEmergency && !kinds.isEmpty { outcome = .none }
        return [.init(category: category, source: .classifier(crisis), marks: kinds, outcome: outcome)]
    }

    // MARK: Outcome

    /// The category whose past or supposed mentions are questions, not emergencies.
    static let medicalEmergency = "medisch-spoed"

    private func outcome(for category: String, marks: Set<CueKind>) -> SafetyAssessment.Outcome {
        if marks.contains(.negation) { return .none }
        if marks.contains(.past) || marks.contains(.hypothetical) { return category == Self.medicalEmergency ? .none : .check }
        return .alarm
    }
}

/// What the safety net concluded about one message, and why.
public struct SafetyAssessment: Equatable, Sendable {
    /// What to do: nothing, ask whether someone is in danger now, or show the crisis card first.
    public enum Outcome: String, Comparable, Sendable {
        case none
        case check
        case alarm

        public static func < (left: Outcome, right: Outcome) -> Bool { left.rank < right.rank }
        private var rank: Int { self == .none ? 0 : self == .check ? 1 : 2 }
    }

    /// One detector's finding.
    public struct Evidence: Equatable, Sendable {
        public enum Source: Equatable, Sendable {
            /// The signal's words.
            case signal(String)
            /// The classifier's chance that the message is a crisis.
            case classifier(Double)
        }

        public var category: String
        public var source: Source
        /// The context that reached it: negation, past, hypothetical.
        public var marks: Set<CueKind>
        public var outcome: Outcome
    }

    public var outcome: Outcome
    /// The categories that reached `outcome`, in the content's order of categories (most acute first).
    public var categories: [String]
    public var evidence: [Evidence]

    init(evidence: [Evidence], categoryOrder: [String]) {
        let outcome = evidence.map(\.outcome).max() ?? .none
        let reached = Set(evidence.filter { $0.outcome == outcome && outcome != .none }.map(\.category))
        self.evidence = evidence
        self.outcome = outcome
        categories = categoryOrder.filter(reached.contains)
    }
}
