#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DutchText
import Retrieval
import Wire

/// The retrieval figures: build time, latency, throughput, memory and accuracy, with a scan baseline.
struct RetrievalBenchmark {
    var passages: Int
    var buildSeconds: Double
    var profile: LatencyProfile
    /// Query analysis alone (folding, stemming, compounds, typos, synonyms): the floor under a search.
    var analysis: LatencyProfile
    var baseline: LatencyProfile
    var peakRSSBytes: Int
    var evaluation: RouteEvaluation?
    /// The same index with the route classifier trained on the content's examples (nil without
    /// examples): build plus training, and the fused search's latency.
    var classified: (buildSeconds: Double, profile: LatencyProfile, evaluation: RouteEvaluation?)?

    static let defaultQueries = "../shared/eval/dev.tsv"

    static func run(knowledge: KnowledgeBase, corpus: (KnowledgeBase) throws -> [Passage], queriesPath: String?,
                    repeats: Int) throws -> RetrievalBenchmark {
        let questions = try loadQuestions(queriesPath, knowledge: knowledge)
        let passages = try corpus(knowledge)
        let analyzer = Analyzer(tables: knowledge.tables)
        var index: BM25Index?
        let small = passages.count < 5_000
        let buildSeconds = Measurement.seconds(repeats: small ? 5 : 1) {
            index = BM25Index(passages: passages, analyzer: analyzer)
        }
        var searcher = Searcher(index: index!)
        let texts = questions.map(\.text)
        let profile = LatencyProfile(questions: texts, repeats: repeats) { _ = searcher.search($0) }
        let analysis = LatencyProfile(questions: texts, repeats: repeats) {
            _ = index!.analyzer.analyzeQuery($0, vocabulary: index!.vocabulary)
        }
        // Taken before the baseline allocates its own tables: the figure is the index's.
        let peakRSSBytes = Measurement.peakRSSBytes
        let scan = ScanBaseline(passages: passages, analyzer: analyzer)
        let baseline = LatencyProfile(questions: texts, repeats: small ? repeats : 1) { _ = scan.search($0) }
        var evaluation: RouteEvaluation?
        if questions.contains(where: { !$0.routes.isEmpty }) {
            var result = RouteEvaluation()
            for question in questions { result.record(question, results: searcher.search(question.text)) }
            evaluation = result
        }
        return RetrievalBenchmark(passages: passages.count, buildSeconds: buildSeconds, profile: profile, analysis: analysis,
                                  baseline: baseline, peakRSSBytes: peakRSSBytes, evaluation: evaluation,
                                  classified: classified(knowledge, passages, analyzer, questions, repeats: repeats, small: small))
    }

    /// The product's search: the index with the classifier fused in, on the same passages and questions.
    static func classified(_ knowledge: KnowledgeBase, _ passages: [Passage], _ analyzer: Analyzer,
                           _ questions: [RouteEvaluation.Question], repeats: Int, small: Bool)
        -> (buildSeconds: Double, profile: LatencyProfile, evaluation: RouteEvaluation?)? {
        guard !knowledge.examples.isEmpty else { return nil }
        var cards: [String: String] = [:]
        for route in knowledge.routes { cards[route.id] = route.cardDocument }
        var index: BM25Index?
        let buildSeconds = Measurement.seconds(repeats: small ? 5 : 1) {
            index = BM25Index(passages: passages, analyzer: analyzer, examples: knowledge.examples, cardDocuments: cards)
        }
        var searcher = Searcher(index: index!)
        let profile = LatencyProfile(questions: questions.map(\.text), repeats: repeats) { _ = searcher.search($0) }
        guard questions.contains(where: { !$0.routes.isEmpty }) else { return (buildSeconds, profile, nil) }
        var evaluation = RouteEvaluation()
        for question in questions { evaluation.record(question, results: searcher.search(question.text)) }
        return (buildSeconds, profile, evaluation)
    }

    /// Labelled questions from `path` (default: the shared dev questions); without them, document titles.
    static func loadQuestions(_ path: String?, knowledge: KnowledgeBase) throws -> [RouteEvaluation.Question] {
        let file = path ?? defaultQueries
        if let data = FileManager.default.contents(atPath: file) {
            return try RouteEvaluation.parseQuestions(String(decoding: data, as: UTF8.self), file: file)
        }
        if path != nil { throw BenchError("cannot read \(file)") }
        Measurement.note("note: \(file) not found; using document titles as queries")
        return knowledge.documents.enumerated().map { .init(text: $1.title, routes: [], line: $0 + 1) }
    }

    var text: String {
        var lines = [
            "passages:            \(passages)",
            "index build:         \(format(buildSeconds * 1000)) ms",
            "query p50 / p99:     \(format(profile.p50Microseconds)) / \(format(profile.p99Microseconds)) µs",
            "queries/s:           \(format(profile.queriesPerSecond))",
            "analysis p50 / p99:  \(format(analysis.p50Microseconds)) / \(format(analysis.p99Microseconds)) µs",
            "baseline (scan) q/s: \(format(baseline.queriesPerSecond))",
            "ratio index/scan:    \(format(profile.queriesPerSecond / baseline.queriesPerSecond))x",
            "peak RSS:            \(format(Double(peakRSSBytes) / 1_048_576)) MB",
        ]
        if let evaluation { lines.append("route accuracy:      " + accuracy(evaluation)) }
        if let classified {
            lines.append("with the classifier (the product's search):")
            lines.append("  build + training:  \(format(classified.buildSeconds * 1000)) ms")
            lines.append("  query p50 / p99:   \(format(classified.profile.p50Microseconds)) / \(format(classified.profile.p99Microseconds)) µs")
            if let evaluation = classified.evaluation { lines.append("  route accuracy:    " + accuracy(evaluation)) }
        }
        return lines.joined(separator: "\n")
    }

    private func accuracy(_ evaluation: RouteEvaluation) -> String {
        "top-1 \(format(evaluation.top1, digits: 3)), top-3 \(format(evaluation.top3, digits: 3)), MRR@10 \(format(evaluation.meanReciprocalRank, digits: 3))"
    }

    var json: JSONValue {
        .object([
            ("passages", .number(Double(passages))),
            ("build_seconds", .number(buildSeconds)),
            ("queries_per_second", .number(profile.queriesPerSecond)),
            ("p50_us", .number(profile.p50Microseconds)),
            ("p99_us", .number(profile.p99Microseconds)),
            ("analysis_p50_us", .number(analysis.p50Microseconds)),
            ("baseline_queries_per_second", .number(baseline.queriesPerSecond)),
            ("peak_rss_bytes", .number(Double(peakRSSBytes))),
            ("top1", evaluation.map { .number($0.top1) } ?? .null),
            ("top3", evaluation.map { .number($0.top3) } ?? .null),
            ("mrr10", evaluation.map { .number($0.meanReciprocalRank) } ?? .null),
            ("classifier_build_seconds", classified.map { .number($0.buildSeconds) } ?? .null),
            ("classifier_p50_us", classified.map { .number($0.profile.p50Microseconds) } ?? .null),
            ("classifier_p99_us", classified.map { .number($0.profile.p99Microseconds) } ?? .null),
            ("classifier_top1", classified?.evaluation.map { .number($0.top1) } ?? .null),
        ])
    }

    private func format(_ value: Double, digits: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return "\(rounded)"
    }
}

/// The baseline: score every passage by scanning its terms, with no inverted index. Same analysis,
/// same machine, same run, so the ratio to it says what the index buys, whatever the machine's load.
struct ScanBaseline {
    let analyzer: Analyzer
    let passageTerms: [[String: Int]]

    init(passages: [Passage], analyzer: Analyzer) {
        self.analyzer = analyzer
        passageTerms = passages.map { passage in
            var counts: [String: Int] = [:]
            for term in analyzer.analyze(passage.title + " " + passage.keywords + " " + passage.text) where !term.isStopWord {
                counts[term.stem, default: 0] += 1
            }
            return counts
        }
    }

    func search(_ query: String) -> [Int] {
        let stems = Set(analyzer.analyzeQuery(query).filter { !$0.isStopWord }.map(\.stem))
        var scored: [(Int, Double)] = []
        for (number, counts) in passageTerms.enumerated() {
            let score = stems.reduce(0.0) { $0 + Double(counts[$1] ?? 0) / Double(1 + (counts[$1] ?? 0)) }
            if score > 0 { scored.append((number, score)) }
        }
        return scored.sorted { $0.1 > $1.1 }.prefix(10).map(\.0)
    }
}
