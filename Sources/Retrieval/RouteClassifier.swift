import Dispatch
import DutchText
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which route a question asks for, learned from the content's example questions: multinomial
/// logistic regression over hashed features of the analysed words.
///
/// BM25 finds passages that share words with a question; people describe situations in words the
/// documents never use ("de thuiszorgmevrouw is grof tegen mn moeder" is a complaint). Examples in
/// many registers teach which words, word pairs and word pieces point to which desk. Training runs
/// when the content loads, in a fixed order with a fixed seed, so every run, test and reload sees
/// the same model: about 60 ms for three thousand examples, which the command line skips by keeping
/// the model in a cache (`archived(key:)`).
public struct RouteClassifier: Sendable {
    /// Route ids, in the order of the model's rows.
    public let routes: [String]
    private let routeNumbers: [String: Int]
    /// Feature hash → column of the model; features never seen in training, or seen too rarely to
    /// learn from, carry no weight.
    let columns: FeatureIDs
    let model: Model
    /// Whether the model reads phrases of every word, stop words included (`Settings.phrases`).
    let phrases: Bool

    /// How training runs; the defaults were chosen by cross-validation on the bundled examples
    /// (`routewijzer-bench classifier`).
    public struct Settings: Equatable, Sendable {
        public var epochs = 6
        public var learningRate: Float = 2
        public var l2: Float = 1e-3
        public var seed: UInt64 = 0x5eed
        /// A feature must occur in this many examples to get a weight.
        public var minimumExamplesPerFeature: Int32 = 2
        /// Also read pairs and triples of neighbouring words, stop words included. Routes are told
        /// apart by topic words; danger is often told in small words only ("ik wil er niet meer zijn",
        /// "hij zit aan me"), which the content-word features never see.
        public var phrases = false
        public init() {}
    }

    /// Trains on `examples`, analysed with `analyzer`. Routes without examples are never predicted.
    public init(examples: [IntentExample], analyzer: Analyzer, settings: Settings = Settings()) {
        let routes = Array(Set(examples.map(\.route))).sorted()
        let row = Dictionary(uniqueKeysWithValues: routes.enumerated().map { ($1, $0) })
        let hashed = Self.features(of: examples, analyzer: analyzer, phrases: settings.phrases)
        // A feature of one example only teaches that example; leaving those out keeps the model a
        // fraction of the size, which is most of the cost of loading it.
        var ids = FeatureIDs()
        var counts: [Int32] = [], hashOfID: [UInt64] = []
        for features in hashed {
            for hash in features {
                let id = Int(ids.insert(hash))
                if id == counts.count { counts.append(0); hashOfID.append(hash) }
                counts[id] += 1
            }
        }
        var columns = FeatureIDs(capacity: counts.count)
        var columnOfID = [Int32](repeating: -1, count: counts.count)
        for id in counts.indices where counts[id] >= settings.minimumExamplesPerFeature {
            columnOfID[id] = columns.insert(hashOfID[id])
        }
        var samples = Samples()
        for (example, features) in zip(examples, hashed) {
            samples.append(features.map { columnOfID[Int(ids.id(of: $0)!)] }.filter { $0 >= 0 }, label: row[example.route]!)
        }
        var model = Model(columns: columns.count, classes: routes.count)
        model.train(samples, settings: settings)
        self.init(routes: routes, columns: columns, model: model, phrases: settings.phrases)
    }

    /// A trained model, as training leaves it or as an archive gives it back.
    init(routes: [String], columns: FeatureIDs, model: Model, phrases: Bool) {
        self.routes = routes
        self.phrases = phrases
        self.routeNumbers = Dictionary(uniqueKeysWithValues: routes.enumerated().map { ($1, $0) })
        self.columns = columns
        self.model = model
    }

    /// The features of every example. Analysing two thousand examples is most of the cost of loading
    /// the model, so the examples are split into contiguous ranges, one per core, and joined in order:
    /// the result is the same as one pass.
    private static func features(of examples: [IntentExample], analyzer: Analyzer, phrases: Bool) -> [[UInt64]] {
        let workers = max(1, min(8, sysconf(Int32(_SC_NPROCESSORS_ONLN)), examples.count / 256))
        let size = (examples.count + workers - 1) / workers
        let parts = Mutex([Int: [[UInt64]]]())
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let part = examples[min(worker * size, examples.count)..<min((worker + 1) * size, examples.count)].map { example in
                let words = analyzer.analyze(example.text)
                return features(of: words, context: analyzer.context(of: words), phrases: phrases)
            }
            parts.withLock { $0[worker] = part }
        }
        return parts.withLock { parts in (0..<workers).flatMap { parts[$0]! } }
    }

    /// The probability `intent` (from `probabilities`) gives `route`; 0 for a route without examples.
    func probability(of route: String, in intent: [Double]) -> Double {
        routeNumbers[route].map { intent[$0] } ?? 0
    }

    /// The probability of each route (in `routes` order) for analysed words and their context cues.
    public func probabilities(_ words: [AnalyzedTerm], context: ContextReading) -> [Double] {
        let features = Self.features(of: words, context: context, phrases: phrases).compactMap(columns.id(of:))
        var scores = model.scratch
        model.softmax(features[...], into: &scores)
        return (0..<routes.count).map { Double(scores[$0 / Model.width][$0 % Model.width]) }
    }

    /// The features the classifier reads: content-word stems; pairs of neighbouring content stems;
    /// stems a negation reaches ("geen schulden" is not about debt in the same way); letter trigrams
    /// to pentagrams of content words, which carry word families, compounds and typos; and the kinds
    /// of context cue present (objecting, a child, the past, ...), which weigh the desk as much as the
    /// topic does. With `phrases`, also pairs and triples of neighbouring lemmas, stop words included.
    /// Distinct hashes, so a repeated word counts once.
    static func features(of terms: [AnalyzedTerm], context: ContextReading, phrases: Bool = false) -> [UInt64] {
        var hashes: [UInt64] = []
        if phrases { appendPhrases(of: terms, to: &hashes) }
        var previous: String?
        for term in terms where term.origin == .word && !term.isStopWord {
            hashes.append(hash("w", term.stem.utf8))
            if context.isNegated(term.position) { hashes.append(hash("n", term.stem.utf8)) }
            if let previous {
                hashes.append(StableHash.continuing(StableHash.step(hash("b", previous.utf8), 0x20), with: term.stem.utf8))
            }
            previous = term.stem
            let letters = [UInt8(ascii: "<")] + Array(term.surface.utf8) + [UInt8(ascii: ">")]
            // Each start gives its trigram, tetragram and pentagram in one pass over five letters.
            for start in 0..<max(0, letters.count - 2) {
                var gram = hash("c", EmptyCollection())
                for offset in 0..<min(5, letters.count - start) {
                    gram = StableHash.step(gram, letters[start + offset])
                    if offset >= 2 { hashes.append(gram) }
                }
            }
        }
        for kind in context.kinds { hashes.append(hash("k", kind.rawValue.utf8)) }
        hashes.sort()
        return hashes.enumerated().compactMap { index, hash in index > 0 && hashes[index - 1] == hash ? nil : hash }
    }

    /// Pairs and triples of neighbouring words by lemma, every word counted.
    private static func appendPhrases(of terms: [AnalyzedTerm], to hashes: inout [UInt64]) {
        let lemmas = terms.filter { $0.origin == .word }.map(\.lemma)
        for index in lemmas.indices {
            var phrase = hash("p", lemmas[index].utf8)
            for next in lemmas[(index + 1)..<min(index + 3, lemmas.count)] {
                phrase = StableHash.continuing(StableHash.step(phrase, 0x20), with: next.utf8)
                hashes.append(phrase)
            }
        }
    }

    private static func hash(_ kind: Character, _ bytes: some Sequence<UInt8>) -> UInt64 {
        StableHash.fnv1a(bytes, seed: UInt64(kind.asciiValue ?? 0))
    }
}

/// The training questions as column lists in one flat array, so training walks memory in order.
struct Samples {
    var columns: [Int32] = []
    var bounds: [Int] = [0]
    var labels: [Int] = []

    mutating func append(_ features: [Int32], label: Int) {
        columns += features
        bounds.append(columns.count)
        labels.append(label)
    }

    var count: Int { labels.count }
    func features(_ sample: Int) -> ArraySlice<Int32> { columns[bounds[sample]..<bounds[sample + 1]] }
}

/// The weights of a linear softmax model and the plain arithmetic on them. Routes are held in SIMD
/// lanes of eight, padded with routes that can never win, so the work per feature is a few vector
/// additions: training at load stays in milliseconds.
struct Model: Sendable {
    static let width = 8
    /// Weights by column, `lanes` vectors per column.
    private(set) var weights: [SIMD8<Float>]
    private(set) var bias: [SIMD8<Float>]
    let classes: Int
    var lanes: Int { bias.count }
    /// A score buffer of the right size, to copy for one prediction.
    var scratch: [SIMD8<Float>] { bias }

    init(weights: [SIMD8<Float>], bias: [SIMD8<Float>], classes: Int) {
        self.weights = weights
        self.bias = bias
        self.classes = classes
    }

    init(columns: Int, classes: Int) {
        let lanes = (classes + Self.width - 1) / Self.width
        weights = [SIMD8<Float>](repeating: .zero, count: columns * lanes)
        // Padding routes start at minus infinity: their probability is 0, so their gradient is too.
        bias = (0..<lanes).map { lane in
            SIMD8<Float>((0..<Self.width).map { lane * Self.width + $0 < classes ? 0 : -Float.infinity })
        }
        self.classes = classes
    }

    /// Softmax of the summed weights into `scores`; each feature counts 1/√n, so long questions are
    /// not surer.
    func softmax(_ features: ArraySlice<Int32>, into scores: inout [SIMD8<Float>]) {
        let lanes = self.lanes
        let scale = features.isEmpty ? 0 : 1 / Float(features.count).squareRoot()
        weights.withUnsafeBufferPointer { weights in
            scores.withUnsafeMutableBufferPointer { scores in
                for lane in 0..<lanes { scores[lane] = bias[lane] }
                for feature in features {
                    let base = Int(feature) * lanes
                    for lane in 0..<lanes { scores[lane] += scale * weights[base + lane] }
                }
                let top = (0..<lanes).map { scores[$0].max() }.max() ?? 0
                var total: Float = 0
                for lane in 0..<lanes {
                    for slot in 0..<Self.width { scores[lane][slot] = expf(scores[lane][slot] - top) }
                    total += scores[lane].sum()
                }
                for lane in 0..<lanes { scores[lane] /= total }
            }
        }
    }

    /// Stochastic gradient descent on the cross-entropy, in an order shuffled by a fixed seed, with
    /// a learning rate that decays per epoch and L2 shrinkage on the weights a sample touches.
    mutating func train(_ samples: Samples, settings: RouteClassifier.Settings) {
        var order = Array(0..<samples.count)
        var random = settings.seed
        var gradient = scratch
        let lanes = self.lanes
        for epoch in 0..<settings.epochs {
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                random = random &* 6364136223846793005 &+ 1442695040888963407
                order.swapAt(index, Int((random >> 33) % UInt64(index + 1)))
            }
            let rate = settings.learningRate / (1 + Float(epoch) * 0.2)
            for sample in order {
                let features = samples.features(sample)
                softmax(features, into: &gradient)
                let label = samples.labels[sample]
                gradient[label / Self.width][label % Self.width] -= 1
                let scale = features.isEmpty ? 0 : 1 / Float(features.count).squareRoot()
                for lane in 0..<lanes { bias[lane] -= rate * gradient[lane] }
                let shrink = 1 - rate * settings.l2
                weights.withUnsafeMutableBufferPointer { weights in
                    for feature in features {
                        let base = Int(feature) * lanes
                        for lane in 0..<lanes {
                            weights[base + lane] = shrink * weights[base + lane] - (rate * scale) * gradient[lane]
                        }
                    }
                }
            }
        }
    }
}
