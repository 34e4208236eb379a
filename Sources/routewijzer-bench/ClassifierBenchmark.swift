import DutchText
import Retrieval

/// k-fold cross-validation of the route classifier and its fusion with BM25F, on the content's own
/// examples: each fold is answered by a model trained on the other folds. This is how the
/// classifier's settings and the fusion weight are chosen, so that no evaluation question ever
/// tunes them. Baseline: BM25F alone on the same held-out examples, in the same run.
enum ClassifierBenchmark {
    struct Fold {
        var top1 = 0, top3 = 0, count = 0
        mutating func record(_ routes: [String], expected: String) {
            count += 1
            if routes.first == expected { top1 += 1 }
            if routes.prefix(3).contains(expected) { top3 += 1 }
        }
        var text: String { "top-1 \(share(top1)) top-3 \(share(top3))" }
        private func share(_ hits: Int) -> String {
            let thousandths = Int((Double(hits) / Double(max(count, 1)) * 1000).rounded())
            return "0.\(String(repeating: "0", count: max(0, 3 - String(thousandths).count)))\(thousandths)"
        }
    }

    static func run(knowledge base: KnowledgeBase, folds: Int, weights: [Double], settings: RouteClassifier.Settings) -> String {
        var lines = ["\(base.examples.count) examples, \(Set(base.examples.map(\.route)).count) routes, \(folds)-fold cross-validation"]
        // Examples are dealt to folds in turn, per route, so every fold holds every route.
        var foldOf: [Int] = []
        var seen: [String: Int] = [:]
        for example in base.examples {
            foldOf.append(seen[example.route, default: 0] % folds)
            seen[example.route, default: 0] += 1
        }
        var lexical = Fold(), intent = Fold()
        var fused = weights.map { _ in Fold() }
        let clock = ContinuousClock()
        var training = Duration.zero
        for fold in 0..<folds {
            var trainingBase = base
            trainingBase.examples = base.examples.indices.filter { foldOf[$0] != fold }.map { base.examples[$0] }
            let start = clock.now
            let indexes = weights.map { weight in
                var parameters = BM25Parameters()
                parameters.intentWeight = weight
                parameters.classifier = settings
                return BM25Index(knowledge: trainingBase, parameters: parameters)
            }
            training += (clock.now - start) / weights.count
            var bare = base
            bare.examples = []
            let plain = BM25Index(knowledge: bare)
            for (number, example) in base.examples.enumerated() where foldOf[number] == fold {
                lexical.record(plain.search(example.text).distinctRoutes, expected: example.route)
                let words = indexes[0].analyzer.analyze(example.text)
                let chances = indexes[0].classifier!.probabilities(words)
                let ranked = zip(indexes[0].classifier!.routes, chances).sorted { $0.1 > $1.1 }.map(\.0)
                intent.record(ranked, expected: example.route)
                for (slot, index) in indexes.enumerated() {
                    fused[slot].record(index.search(example.text).distinctRoutes, expected: example.route)
                }
            }
        }
        lines.append("BM25F alone (baseline):   \(lexical.text)")
        lines.append("classifier alone:         \(intent.text)")
        for (slot, weight) in weights.enumerated() { lines.append("fused, intent weight \(weight): \(fused[slot].text)") }
        lines.append("index build + training per fold: \(training.components.seconds * 1000 + training.components.attoseconds / 1_000_000_000_000_000) ms")
        return lines.joined(separator: "\n")
    }
}
