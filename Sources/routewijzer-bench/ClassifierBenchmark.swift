import DutchText
import Retrieval

/// k-fold cross-validation of the route classifier and its fusion with BM25F, on the content's own
/// examples: each fold is answered by a model trained on the other folds. This is how the
/// classifier's settings and the fusion weight are chosen, so that no evaluation question ever
/// tunes them. Baseline: BM25F alone on the same held-out examples, in the same run.
enum ClassifierBenchmark {
    /// With `byBlock`, the folds are the example files' blocks (`IntentExample.block`), which were
    /// written apart: a stricter test of carrying over to new writers than folds dealt in turn.
    static func run(knowledge base: KnowledgeBase, folds: Int, byBlock: Bool, weights: [Double], parameters: BM25Parameters) -> String {
        // Examples are dealt to folds in turn, per route, so every fold holds every route.
        var foldOf: [Int] = []
        var seen: [String: Int] = [:]
        for example in base.examples {
            foldOf.append(byBlock ? example.block : seen[example.route, default: 0] % folds)
            seen[example.route, default: 0] += 1
        }
        let folds = byBlock ? (foldOf.max() ?? 0) + 1 : folds
        var bare = base
        bare.examples = []
        var lexical = Searcher(index: BM25Index(knowledge: bare, parameters: parameters))
        var lexicalResult = RouteEvaluation(), intentResult = RouteEvaluation()
        var fusedResults = weights.map { _ in RouteEvaluation() }
        var answered: [(results: [SearchResult], route: String)] = []
        var confidence = 0.0
        var training = 0.0
        for fold in 0..<folds {
            var trainingBase = base
            trainingBase.examples = base.examples.indices.filter { foldOf[$0] != fold }.map { base.examples[$0] }
            var index: BM25Index?
            training += Measurement.seconds { index = BM25Index(knowledge: trainingBase, parameters: parameters) }
            var searcher = Searcher(index: index!)
            let classifier = index!.classifier!
            for (number, example) in base.examples.enumerated() where foldOf[number] == fold {
                let question = RouteEvaluation.Question(text: example.text, routes: [example.route], line: example.line)
                let words = index!.analyzer.analyze(example.text)
                let intent = classifier.probabilities(words, context: index!.analyzer.context(of: words))
                lexicalResult.record(question, results: lexical.search(example.text))
                intentResult.record(question, ranking: zip(classifier.routes, intent).sorted { $0.1 > $1.1 }.map(\.0))
                confidence += intent.max() ?? 0
                for (slot, weight) in weights.enumerated() {
                    searcher.intentWeight = weight
                    fusedResults[slot].record(question, results: searcher.search(words: words))
                }
                searcher.intentWeight = parameters.intentWeight
                answered.append((searcher.search(words: words), example.route))
            }
        }
        func figures(_ evaluation: RouteEvaluation) -> String {
            "top-1 \(rounded(evaluation.top1)) top-3 \(rounded(evaluation.top3))"
        }
        let split = byBlock ? "\(folds) blocks as folds" : "\(folds)-fold cross-validation"
        var lines = ["\(base.examples.count) examples, \(Set(base.examples.map(\.route)).count) routes, \(split)",
                     "BM25F alone (baseline):   \(figures(lexicalResult))",
                     "classifier alone:         \(figures(intentResult))",
                     "  its mean top probability: \(rounded(confidence / Double(max(base.examples.count, 1)))) (calibrated when near top-1)"]
        for (slot, weight) in weights.enumerated() { lines.append("fused, intent weight \(weight): \(figures(fusedResults[slot]))") }
        lines.append("direct answers at intent weight \(parameters.intentWeight) (answered share, right share of those):")
        lines += directAnswers(answered)
        lines.append("index build + training per fold: \(rounded(training / Double(folds) * 1000)) ms")
        return lines.joined(separator: "\n")
    }

    /// How often `DirectAnswerRule` answers without asking back, and how often that answer is the
    /// example's route, at a grid of floors and margins around the product's values.
    private static func directAnswers(_ answered: [(results: [SearchResult], route: String)]) -> [String] {
        var lines: [String] = []
        for floor in [0.3, 0.4, 0.5, 0.6] {
            var cells: [String] = []
            for margin in [1.5, 2.0, 3.0] {
                var rule = DirectAnswerRule()
                rule.routeScore = floor
                rule.margin = margin
                let answers = answered.compactMap { item in rule.answer(item.results).map { ($0.passage.route, item.route) } }
                let right = answers.filter { $0.0 == $0.1 }.count
                cells.append("margin \(margin): \(rounded(Double(answers.count) / Double(max(answered.count, 1)))) / \(rounded(Double(right) / Double(max(answers.count, 1))))")
            }
            lines.append("  route score ≥ \(floor): " + cells.joined(separator: "   "))
        }
        return lines
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
