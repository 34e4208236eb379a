import DutchText
import Retrieval

/// k-fold cross-validation of the safety layer on the content's labelled corpus
/// (`Knowledge/veiligheid/*.txt`): per category, the share of crisis messages that get the card or
/// the check, and the share of ordinary messages that get either (false alarms). Each fold is
/// answered by a classifier trained on the other folds; the signals are the same for all. Baseline:
/// the signals alone, in the same run. This is how the classifier's thresholds are chosen, so that
/// no evaluation message ever tunes them.
enum SafetyBenchmark {
    static func run(knowledge base: KnowledgeBase, folds: Int, checkProbabilities: [Double],
                    training settings: RouteClassifier.Settings = .init(), alarmProbability: Double = SafetyNet.Settings().alarmProbability, minimumWords: Int = SafetyNet.Settings().minimumClassifierWords,
                    showMistakes: Bool = false) -> String {
        let examples = SafetyNet.trainingExamples(base)
        guard !examples.isEmpty else { return "the knowledge base has no safety corpus (\(KnowledgeBase.safetyDirectory))" }
        var seen: [String: Int] = [:]
        let foldOf = examples.map { example in
            defer { seen[example.route, default: 0] += 1 }
            return seen[example.route, default: 0] % folds
        }
        let analyzer = Analyzer(tables: base.tables)
        let analysed = examples.map { example in
            let words = analyzer.analyze(example.text)
            return (words, analyzer.context(of: words))
        }
        let signalsOnly = SafetyNet(categories: base.safetyCategories, signals: base.safetySignals, classifier: nil, analyzer: analyzer)
        var rows = [Tally()] + checkProbabilities.map { _ in Tally() }
        var mistakes: [String] = []
        for fold in 0..<folds {
            let training = examples.indices.filter { foldOf[$0] != fold }.map { examples[$0] }
            let classifier = RouteClassifier(examples: training, analyzer: analyzer, settings: settings)
            for (number, example) in examples.enumerated() where foldOf[number] == fold {
                let (words, context) = analysed[number]
                let everyday = example.file.hasPrefix(IntentExample.directory)
                rows[0].record(example.route, signalsOnly.assess(words, context: context).outcome, everyday: everyday)
                for (slot, probability) in checkProbabilities.enumerated() {
                    var settings = SafetyNet.Settings()
                    settings.checkProbability = probability
                    settings.alarmProbability = max(alarmProbability, probability)
                    settings.minimumClassifierWords = minimumWords
                    let net = SafetyNet(categories: base.safetyCategories, signals: base.safetySignals, classifier: classifier,
                                        analyzer: analyzer, settings: settings)
                    let assessment = net.assess(words, context: context)
                    rows[slot + 1].record(example.route, assessment.outcome, everyday: everyday)
                    if showMistakes, slot == 0, (example.route == SafetyCategory.none) != (assessment.outcome == .none) {
                        let why = assessment.evidence.map { "\($0.category) \($0.source) \($0.marks.map(\.rawValue).sorted())" }.joined(separator: "; ")
                        mistakes.append("  \(example.file):\(example.line) [\(example.route) → \(assessment.outcome.rawValue)] \(example.text)  {\(why)}")
                    }
                }
            }
        }
        let categories = base.safetyCategories.map(\.id)
        var lines = ["\(examples.count) messages, \(folds)-fold cross-validation; recall = card or check on a crisis message, "
                     + "false alarms = card or check on an ordinary one (look-alikes from the corpus and everyday questions from "
                     + "the route examples); everyday = the route examples alone; cards = the crisis card at once (alarm), not a check",
                     "columns: " + (["setting", "recall", "false alarms", "of which on everyday questions", "cards on crises", "cards on ordinary"] + categories).joined(separator: " | ")]
        let names = ["signals alone (baseline)"] + checkProbabilities.map { "signals + classifier, check from \($0)" }
        for (name, row) in zip(names, rows) {
            lines.append(([name, percent(row.recall), percent(row.falseAlarmRate), percent(row.everydayAlarmRate), percent(row.crisisCardRate), percent(row.ordinaryCardRate)] + categories.map { percent(row.recall(of: $0)) })
                .joined(separator: " | "))
        }
        if showMistakes { lines += ["mistakes at the first threshold (file:line [label → outcome] text {evidence}):"] + mistakes }
        return lines.joined(separator: "\n")
    }

    private struct Tally {
        var caught: [String: Int] = [:], total: [String: Int] = [:]
        var falseAlarms = 0, ordinary = 0, everydayAlarms = 0, everyday = 0, ordinaryCards = 0, crisisCards = 0

        /// `everyday`: an ordinary line from the route examples rather than a look-alike from the corpus.
        mutating func record(_ label: String, _ outcome: SafetyAssessment.Outcome, everyday isEveryday: Bool) {
            if label == SafetyCategory.none {
                ordinary += 1
                if outcome != .none { falseAlarms += 1 }
                if outcome == .alarm { ordinaryCards += 1 }
                if isEveryday { everyday += 1 }
                if isEveryday && outcome != .none { everydayAlarms += 1 }
            } else {
                total[label, default: 0] += 1
                if outcome != .none { caught[label, default: 0] += 1 }
                if outcome == .alarm { crisisCards += 1 }
            }
        }

        var recall: Double { Double(caught.values.reduce(0, +)) / Double(max(total.values.reduce(0, +), 1)) }
        var falseAlarmRate: Double { Double(falseAlarms) / Double(max(ordinary, 1)) }
        var ordinaryCardRate: Double { Double(ordinaryCards) / Double(max(ordinary, 1)) }
        var crisisCardRate: Double { Double(crisisCards) / Double(max(total.values.reduce(0, +), 1)) }
        var everydayAlarmRate: Double { Double(everydayAlarms) / Double(max(everyday, 1)) }
        func recall(of category: String) -> Double { Double(caught[category, default: 0]) / Double(max(total[category, default: 0], 1)) }
    }

    private static func percent(_ value: Double) -> String { "\((value * 1000).rounded() / 10) %" }
}
