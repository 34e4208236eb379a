import DutchText
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
/// the same model; with about a thousand examples it takes milliseconds.
public struct RouteClassifier: Sendable {
    /// Route ids, in the order of the model's rows.
    public let routes: [String]
    /// Feature hash → column of the model; features never seen in training carry no weight.
    private let columns: [UInt64: Int32]
    /// Weights by column, `routes.count` per column.
    private let weights: [Float]
    private let bias: [Float]

    /// How training runs; the defaults were chosen by cross-validation on the bundled examples
    /// (`routewijzer-bench classifier`).
    public struct Settings: Equatable, Sendable {
        public var epochs = 10
        public var learningRate: Float = 2
        public var l2: Float = 1e-5
        public var seed: UInt64 = 0x5eed
        public init() {}
    }

    /// Trains on `examples`, analysed with `analyzer`. Routes without examples are never predicted.
    public init(examples: [IntentExample], analyzer: Analyzer, settings: Settings = Settings()) {
        let routes = Array(Set(examples.map(\.route))).sorted()
        let row = Dictionary(uniqueKeysWithValues: routes.enumerated().map { ($1, $0) })
        var columns: [UInt64: Int32] = [:]
        let samples: [(features: [Int32], label: Int)] = examples.map { example in
            let features = Self.features(of: analyzer.analyze(example.text)).map { hash in
                if let column = columns[hash] { return column }
                let column = Int32(columns.count)
                columns[hash] = column
                return column
            }
            return (features, row[example.route]!)
        }
        var model = Model(columns: columns.count, classes: routes.count)
        model.train(samples, settings: settings)
        self.routes = routes
        self.columns = columns
        self.weights = model.weights
        self.bias = model.bias
    }

    /// The probability of each route (in `routes` order) for analysed words.
    public func probabilities(_ words: [AnalyzedTerm]) -> [Double] {
        let features = Self.features(of: words).compactMap { columns[$0] }
        let model = Model(weights: weights, bias: bias, classes: routes.count)
        return model.probabilities(features).map(Double.init)
    }

    /// The features the classifier reads: content-word stems, pairs of neighbouring content stems,
    /// stems under a negation ("geen schulden" is not about debt in the same way), and letter
    /// trigrams to pentagrams of content words, which carry word families, compounds and typos.
    /// Distinct hashes, so a repeated word counts once.
    static func features(of terms: [AnalyzedTerm]) -> [UInt64] {
        var hashes: Set<UInt64> = []
        var previous: String?
        var negatedUntil = -1
        for term in terms where term.origin == .word {
            if term.isNegation { negatedUntil = term.position + 3 }
            guard !term.isStopWord else { continue }
            hashes.insert(hash("w", term.stem))
            if term.position <= negatedUntil { hashes.insert(hash("n", term.stem)) }
            if let previous { hashes.insert(hash("b", previous + " " + term.stem)) }
            previous = term.stem
            let letters = Array(("<" + term.surface + ">").utf8)
            for size in 3...5 where letters.count >= size {
                for start in 0...(letters.count - size) { hashes.insert(hash("c", letters[start..<(start + size)])) }
            }
        }
        return hashes.sorted()
    }

    private static func hash(_ kind: Character, _ text: String) -> UInt64 { hash(kind, Array(text.utf8)[...]) }

    private static func hash(_ kind: Character, _ bytes: ArraySlice<UInt8>) -> UInt64 {
        StableHash.fnv1a(bytes, seed: UInt64(kind.asciiValue ?? 0))
    }
}

/// The weights of a linear softmax model and the plain arithmetic on them.
private struct Model {
    var weights: [Float]
    var bias: [Float]
    let classes: Int

    init(columns: Int, classes: Int) {
        weights = [Float](repeating: 0, count: columns * classes)
        bias = [Float](repeating: 0, count: classes)
        self.classes = classes
    }

    init(weights: [Float], bias: [Float], classes: Int) {
        self.weights = weights
        self.bias = bias
        self.classes = classes
    }

    /// Softmax of the summed weights; each feature counts 1/√n, so long questions are not surer.
    func probabilities(_ features: [Int32]) -> [Float] {
        var scores = bias
        let scale = features.isEmpty ? 0 : 1 / Float(features.count).squareRoot()
        for feature in features {
            let base = Int(feature) * classes
            for label in 0..<classes { scores[label] += scale * weights[base + label] }
        }
        let top = scores.max() ?? 0
        var total: Float = 0
        for label in 0..<classes {
            scores[label] = expf(scores[label] - top)
            total += scores[label]
        }
        return scores.map { $0 / total }
    }

    /// Stochastic gradient descent on the cross-entropy, in an order shuffled by a fixed seed, with
    /// a learning rate that decays per epoch and L2 shrinkage on the weights a sample touches.
    mutating func train(_ samples: [(features: [Int32], label: Int)], settings: RouteClassifier.Settings) {
        var order = Array(samples.indices)
        var random = settings.seed
        for epoch in 0..<settings.epochs {
            for index in stride(from: order.count - 1, to: 0, by: -1) {
                random = random &* 6364136223846793005 &+ 1442695040888963407
                order.swapAt(index, Int((random >> 33) % UInt64(index + 1)))
            }
            let rate = settings.learningRate / (1 + Float(epoch) * 0.2)
            for sample in order.lazy.map({ samples[$0] }) {
                var gradient = probabilities(sample.features)
                gradient[sample.label] -= 1
                let scale = sample.features.isEmpty ? 0 : 1 / Float(sample.features.count).squareRoot()
                for label in 0..<classes { bias[label] -= rate * gradient[label] }
                for feature in sample.features {
                    let base = Int(feature) * classes
                    for label in 0..<classes {
                        weights[base + label] -= rate * (scale * gradient[label] + settings.l2 * weights[base + label])
                    }
                }
            }
        }
    }
}
