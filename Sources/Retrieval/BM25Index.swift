import Dispatch
import DutchText
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An in-memory BM25F index over passages, built at start-up from the knowledge base.
///
/// Postings hold the saturated, length-normalised term frequency of each passage, computed once at
/// build time, so a query only multiplies by idf and its own term weight and adds up. A class: it is
/// immutable and shared by every searcher and turn, which then carry one reference, not its tables.
public final class BM25Index: Sendable {
    public let passages: [Passage]
    public let parameters: BM25Parameters
    public let analyzer: Analyzer
    /// The indexed words, for decompounding and typo tolerance in queries.
    public let vocabulary: Vocabulary
    let termIDs: [String: Int32]

    /// Whether some passage holds `stem`: a word the knowledge base knows.
    public func knows(stem: String) -> Bool { termIDs[stem] != nil }
    let postings: [Postings]
    let idf: [Float]
    /// The route classifier trained on the content's examples, when there are any: searches fuse
    /// its judgement with the passages' scores (`Searcher`).
    public let classifier: RouteClassifier?
    /// For each route of the classifier, the passage shown when only the classifier found the
    /// route: the first passage of the route's card document.
    let routePassages: [String: Int32]

    /// Passage numbers (ascending) and their saturated term-frequency factors.
    struct Postings: Sendable {
        var passages: [Int32] = []
        var factors: [Float] = []
    }

    /// Indexes `passages`; with `examples`, also trains the route classifier, whose routes show the
    /// first passage of their document in `cardDocuments` (route id → document id) when only the
    /// classifier found them.
    /// A `classifier` already trained on `examples` (from `RouteClassifier(archive:key:)`) is used
    /// as it is.
    public init(passages: [Passage], analyzer: Analyzer, parameters: BM25Parameters = BM25Parameters(),
                examples: [IntentExample] = [], cardDocuments: [String: String] = [:], classifier: RouteClassifier? = nil) {
        let builder = Builder.build(passages, analyzer: analyzer, parameters: parameters)
        self.passages = passages
        self.parameters = parameters
        // Queries are mostly made of indexed words: their stems are looked up, not computed again.
        self.analyzer = analyzer.remembering(builder.termOfWord.keys)
        (termIDs, postings, idf) = builder.finish()
        vocabulary = Vocabulary(words: builder.words, stems: termIDs.keys)
        self.classifier = classifier
            ?? (examples.isEmpty ? nil : RouteClassifier(examples: examples, analyzer: self.analyzer, settings: parameters.classifier))
        var routePassages: [String: Int32] = [:]
        for (number, passage) in passages.enumerated().reversed()
        where passage.documentID == cardDocuments[passage.route] ?? passage.documentID {
            routePassages[passage.route] = Int32(number)
        }
        self.routePassages = routePassages
    }

    /// Indexes every passage of a knowledge base, with its synonym and stem tables, and trains the
    /// route classifier on its examples.
    public convenience init(knowledge: KnowledgeBase, parameters: BM25Parameters = BM25Parameters(),
                            classifier: RouteClassifier? = nil) {
        var cards: [String: String] = [:]
        for route in knowledge.routes { cards[route.id] = route.cardDocument }
        self.init(passages: knowledge.passages, analyzer: Analyzer(tables: knowledge.tables), parameters: parameters,
                  examples: knowledge.examples, cardDocuments: cards, classifier: classifier)
    }

    /// The best `limit` passages for `query`, best first; equal scores keep passage order.
    public func search(_ query: String, limit: Int = 10) -> [SearchResult] {
        var searcher = Searcher(index: self)
        return searcher.search(query, limit: limit)
    }

    /// The query's distinct stems with the highest weight each got, in order of first appearance.
    /// Words that name a person count less, as `parameters` say. (Negated words count in full: a
    /// lower weight was tried and gained nothing; the classifier reads negation instead.)
    func weightedStems(of words: [AnalyzedTerm], context: ContextReading) -> [(stem: String, weight: Double)] {
        var order: [String] = []
        var weights: [String: Double] = [:]
        let people = context.triggers(of: .otherPerson)
        for term in analyzer.analyzeQuery(words: words, vocabulary: vocabulary) where !term.isStopWord {
            var weight = term.weight
            if people.contains(term.position) { weight *= parameters.personWordWeight }
            if weights[term.stem] == nil { order.append(term.stem) }
            weights[term.stem] = Swift.max(weights[term.stem] ?? 0, weight)
        }
        return order.map { ($0, weights[$0]!) }
    }
}

extension BM25Index {
    /// Turns passages into postings in one pass: raw field frequencies are kept per posting until
    /// the average field lengths are known, then converted to saturated factors.
    ///
    /// Indexing a large corpus meets the same words again and again, so each distinct folded word is
    /// analysed once: `termOfWord` maps it straight to its term id (or to `stopWord`), one hash per token.
    struct Builder: Sendable {
        let parameters: BM25Parameters
        var termIDs: [String: Int32] = [:]
        var termOfWord: [String: Int32] = [:]
        var postings: [Postings] = []
        /// Per term, per posting: the (title, keywords, body) frequencies, one byte each (capped at 255),
        /// packed into 32 bits to keep the build's peak memory low on large corpora.
        var frequencies: [[UInt32]] = []
        var lengths: [SIMD3<Float>] = []
        /// The current passage's packed frequencies by term id, and the ids it touched.
        private var scratch: [UInt32] = []
        private var touched: [Int32] = []

        static let stopWord: Int32 = -1

        init(parameters: BM25Parameters) { self.parameters = parameters }

        /// Below this many passages one thread is faster than starting and merging several.
        static let parallelThreshold = 4_096

        /// Indexes `passages` on every core: each worker takes a contiguous range, and the ranges are
        /// merged in order, so postings stay ascending and the index is the same as a sequential build.
        static func build(_ passages: [Passage], analyzer: Analyzer, parameters: BM25Parameters,
                          workers: Int? = nil) -> Builder {
            let workers = max(1, workers ?? (passages.count < parallelThreshold ? 1 : min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
            let size = (passages.count + workers - 1) / max(workers, 1)
            let parts = Mutex([Int: Builder]())
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var part = Builder(parameters: parameters)
                for passage in passages[min(worker * size, passages.count)..<min((worker + 1) * size, passages.count)] {
                    part.add(passage, analyzer: analyzer)
                }
                parts.withLock { $0[worker] = part }
            }
            return parts.withLock { parts in
                var merged = parts[0] ?? Builder(parameters: parameters)
                for worker in 1..<workers { merged.append(parts[worker]!) }
                return merged
            }
        }

        /// Adds the passages of `other`, indexed after this builder's, renumbering its terms.
        mutating func append(_ other: Builder) {
            let offset = Int32(lengths.count)
            var globalID = [Int32](repeating: 0, count: other.termIDs.count)
            for (stem, local) in other.termIDs { globalID[Int(local)] = id(of: stem) }
            for local in other.postings.indices {
                let global = Int(globalID[local])
                postings[global].passages.append(contentsOf: other.postings[local].passages.lazy.map { $0 + offset })
                frequencies[global].append(contentsOf: other.frequencies[local])
            }
            lengths += other.lengths
            for (word, term) in other.termOfWord where termOfWord[word] == nil {
                termOfWord[word] = term == Self.stopWord ? term : globalID[Int(term)]
            }
        }

        /// The indexed words (stop words left out), for the query-side vocabulary.
        var words: some Sequence<String> { termOfWord.lazy.filter { $0.value != Self.stopWord }.map(\.key) }

        mutating func add(_ passage: Passage, analyzer: Analyzer) {
            var length = SIMD3<Float>.zero
            let fields = [passage.title, passage.keywords, [passage.section ?? "", passage.text].joined(separator: "\n")]
            for (field, text) in fields.enumerated() {
                for token in Tokenizer.tokenize(text) {
                    let term = termID(of: token.text, analyzer: analyzer)
                    guard term != Self.stopWord else { continue }
                    count(term, in: field)
                    length[field] += 1
                }
            }
            let number = Int32(lengths.count)
            for term in touched {
                postings[Int(term)].passages.append(number)
                frequencies[Int(term)].append(scratch[Int(term)])
                scratch[Int(term)] = 0
            }
            touched.removeAll(keepingCapacity: true)
            lengths.append(length)
        }

        private mutating func count(_ term: Int32, in field: Int) {
            let shift = UInt32(8 * field)
            let packed = scratch[Int(term)]
            if packed == 0 { touched.append(term) }
            if (packed >> shift) & 0xFF < 0xFF { scratch[Int(term)] = packed + (1 << shift) }
        }

        private mutating func termID(of word: String, analyzer: Analyzer) -> Int32 {
            if let known = termOfWord[word] { return known }
            let term = Analyzer.isIgnoredForRanking(word) ? Self.stopWord : id(of: analyzer.stem(word))
            termOfWord[word] = term
            return term
        }

        static func unpack(_ packed: UInt32) -> SIMD3<Float> {
            SIMD3(Float(packed & 0xFF), Float(packed >> 8 & 0xFF), Float(packed >> 16 & 0xFF))
        }

        private mutating func id(of stem: String) -> Int32 {
            if let id = termIDs[stem] { return id }
            let id = Int32(termIDs.count)
            termIDs[stem] = id
            postings.append(Postings())
            frequencies.append([])
            scratch.append(0)
            return id
        }

        func finish() -> ([String: Int32], [Postings], [Float]) {
            let count = Float(Swift.max(lengths.count, 1))
            let average = lengths.reduce(SIMD3<Float>.zero, +) / count
            let safeAverage = SIMD3<Float>(Swift.max(average.x, 1), Swift.max(average.y, 1), Swift.max(average.z, 1))
            let b = Float(parameters.b), k1 = Float(parameters.k1)
            let weights = SIMD3<Float>(Float(parameters.titleWeight), Float(parameters.keywordsWeight), Float(parameters.bodyWeight))
            var postings = self.postings
            for term in postings.indices {
                postings[term].factors = zip(postings[term].passages, frequencies[term]).map { passage, packed in
                    let tf = Self.unpack(packed)
                    let norm = (1 - b) + b * lengths[Int(passage)] / safeAverage
                    let weighted = (weights * tf / norm).sum()
                    return weighted / (k1 + weighted)
                }
            }
            let idf = postings.map { list -> Float in
                let df = Double(list.passages.count)
                return Float(log(1 + (Double(count) - df + 0.5) / (df + 0.5)))
            }
            return (termIDs, postings, idf)
        }
    }
}
