import DutchText

/// Runs queries against one index, reusing its score buffer between queries.
///
/// An index is shared and immutable; a searcher is cheap, owned by one thread, and avoids
/// allocating and zeroing a score per passage on every query of a large index.
public struct Searcher {
    public let index: BM25Index
    private var scores: [Float]
    private var touched: [Int32] = []
    /// The classifier's share in a route's score (`BM25Parameters.intentWeight` unless changed), so a
    /// cross-validation can try weights on one trained index.
    public var intentWeight: Double

    public init(index: BM25Index) {
        self.index = index
        self.scores = [Float](repeating: 0, count: index.passages.count)
        self.intentWeight = index.parameters.intentWeight
    }

    /// The best `limit` passages for `query`, best first; equal scores keep passage order.
    public mutating func search(_ query: String, limit: Int = 10) -> [SearchResult] {
        search(words: index.analyzer.analyze(query), limit: limit)
    }

    /// The same for a query whose words the index's analyzer has already analysed (`analyze`), so a
    /// caller that needs them too analyses the text once.
    public mutating func search(words: [AnalyzedTerm], limit: Int = 10) -> [SearchResult] {
        let context = index.analyzer.context(of: words)
        guard let classifier = index.classifier else { return passages(words: words, context: context, limit: limit) }
        let candidates = passages(words: words, context: context, limit: max(limit, Self.fusionCandidates))
        return RouteFusion(index: index, classifier: classifier, weight: intentWeight, lexicalFloor: index.parameters.lexicalFloor)
            .results(candidates, intent: classifier.probabilities(words, context: context), limit: limit)
    }

    /// How many passages BM25 hands to the fusion with the classifier: enough that every route
    /// with a matching passage is seen.
    static let fusionCandidates = 60

    /// The best `limit` passages by BM25F alone.
    public mutating func passages(words: [AnalyzedTerm], context: ContextReading, limit: Int) -> [SearchResult] {
        let stems = index.weightedStems(of: words, context: context)
        let terms = stems.compactMap { stem, weight in index.termIDs[stem].map { (stem: stem, id: Int($0), weight: Float(weight)) } }
        accumulate(terms.map { ($0.id, $0.weight) })
        let best = topPassages(limit)
        clear()
        return best.map { passage, score in
            SearchResult(passage: index.passages[Int(passage)], score: Double(score),
                         matchedTerms: terms.filter { index.postings[$0.id].contains(passage) }.map(\.stem))
        }
    }

    /// Adds every term's contribution to its passages. This loop is the whole cost of a search on a
    /// large index, so it runs on raw buffers, without bounds or exclusivity checks per posting.
    private mutating func accumulate(_ terms: [(id: Int, weight: Float)]) {
        scores.withUnsafeMutableBufferPointer { scores in
            for (id, weight) in terms {
                let postings = index.postings[id]
                let scale = index.idf[id] * weight
                postings.passages.withUnsafeBufferPointer { passages in
                    postings.factors.withUnsafeBufferPointer { factors in
                        for slot in 0..<passages.count {
                            let passage = Int(passages[slot])
                            if scores[passage] == 0 { touched.append(Int32(passage)) }
                            scores[passage] += scale * factors[slot]
                        }
                    }
                }
            }
        }
    }

    /// A bounded selection over the touched passages: keeps the best `limit` in a small sorted array.
    private func topPassages(_ limit: Int) -> [(Int32, Float)] {
        var best: [(Int32, Float)] = []
        best.reserveCapacity(limit + 1)
        for passage in touched {
            let score = scores[Int(passage)]
            if best.count == limit, let last = best.last, !ranks(score, passage, before: last) { continue }
            let position = best.firstIndex { !ranks($0.1, $0.0, before: (passage, score)) } ?? best.count
            best.insert((passage, score), at: position)
            if best.count > limit { best.removeLast() }
        }
        return best
    }

    private func ranks(_ score: Float, _ passage: Int32, before other: (Int32, Float)) -> Bool {
        score != other.1 ? score > other.1 : passage < other.0
    }

    private mutating func clear() {
        for passage in touched { scores[Int(passage)] = 0 }
        touched.removeAll(keepingCapacity: true)
    }
}

extension BM25Index.Postings {
    /// Whether `passage` is in these postings (binary search: they are ascending).
    func contains(_ passage: Int32) -> Bool {
        var low = 0, high = passages.count
        while low < high {
            let middle = (low + high) / 2
            if passages[middle] < passage { low = middle + 1 } else { high = middle }
        }
        return low < passages.count && passages[low] == passage
    }
}
