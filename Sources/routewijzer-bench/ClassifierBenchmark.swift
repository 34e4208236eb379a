import DutchText
import Retrieval

/// k-fold cross-validation of the route classifier and its fusion with BM25F, on the content's own
/// examples: each fold is answered by a model trained on the other folds. This is how the
/// classifier's settings and the fusion weight are chosen, so that no evaluation question ever
/// tunes them. Baseline: BM25F alone on the same held-out examples, in the same run.
enum ClassifierBenchmark {
    static func run(knowledge base: KnowledgeBase, folds: Int, weights: [Double], settings: RouteClassifier.Settings) -> String {
        // Examples are dealt to folds in turn, per route, so every fold holds every route.
        var foldOf: [Int] = []
        var seen: [String: Int] = [:]
        for example in base.examples {
            foldOf.append(seen[example.route, default: 0] % folds)
            seen[example.route, default: 0] += 1
        }
        var bare = base
        bare.examples = []
        var lexical = Searcher(index: BM25Index(knowledge: bare))
        var lexicalResult = RouteEvaluation(), intentResult = RouteEvaluation()
        var fusedResults = weights.map { _ in RouteEvaluation() }
        var training = 0.0
        var parameters = BM25Parameters()
        parameters.classifier = settings
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
                lexicalResult.record(question, results: lexical.search(example.text))
                intentResult.record(question, ranking: zip(classifier.routes, classifier.probabilities(words)).sorted { $0.1 > $1.1 }.map(\.0))
                for (slot, weight) in weights.enumerated() {
                    searcher.intentWeight = weight
                    fusedResults[slot].record(question, results: searcher.search(words: words))
                }
            }
        }
        func figures(_ evaluation: RouteEvaluation) -> String {
            "top-1 \(rounded(evaluation.top1)) top-3 \(rounded(evaluation.top3))"
        }
        var lines = ["\(base.examples.count) examples, \(Set(base.examples.map(\.route)).count) routes, \(folds)-fold cross-validation",
                     "BM25F alone (baseline):   \(figures(lexicalResult))",
                     "classifier alone:         \(figures(intentResult))"]
        for (slot, weight) in weights.enumerated() { lines.append("fused, intent weight \(weight): \(figures(fusedResults[slot]))") }
        lines.append("index build + training per fold: \(rounded(training / Double(folds) * 1000)) ms")
        return lines.joined(separator: "\n")
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}
