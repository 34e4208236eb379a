/// Joins the two judgements of a question, passages by BM25F and routes by the classifier, into
/// one list of results grouped per route.
///
/// A route scores `weight · intent + (1 − weight) · lexical`, where `lexical` is its best passage's
/// score over the question's best passage score or `lexicalFloor`, whichever is larger: a question
/// whose best match is one weak word does not hand that route the whole lexical share. Results list the best passage of each route in that
/// order first, and only then further passages, so that one route with many matching passages can
/// no longer push the right desk out of the list.
struct RouteFusion {
    let index: BM25Index
    let classifier: RouteClassifier
    let weight: Double
    let lexicalFloor: Double

    /// A route the classifier alone proposes is shown only from this probability on.
    static let minimumIntentWithoutPassage = 0.15

    func results(_ candidates: [SearchResult], intent: [Double], limit: Int) -> [SearchResult] {
        // A question that shares no word with the content gets no routes: the classifier's prior
        // is not evidence.
        guard let top = candidates.first?.score, top > 0 else { return [] }
        let probability = Dictionary(uniqueKeysWithValues: zip(classifier.routes, intent))
        var best: [String: SearchResult] = [:]
        for candidate in candidates where best[candidate.passage.route] == nil { best[candidate.passage.route] = candidate }
        for (route, chance) in probability where best[route] == nil && chance >= Self.minimumIntentWithoutPassage {
            if let passage = index.routePassages[route] {
                best[route] = SearchResult(passage: index.passages[Int(passage)], score: 0, matchedTerms: [])
            }
        }
        var scores: [String: Double] = [:]
        let scale = max(top, lexicalFloor)
        for (route, result) in best {
            scores[route] = weight * (probability[route] ?? 0) + (1 - weight) * result.score / scale
        }
        let order = best.keys.sorted { a, b in
            if scores[a]! != scores[b]! { return scores[a]! > scores[b]! }
            if best[a]!.score != best[b]!.score { return best[a]!.score > best[b]!.score }
            return a < b
        }
        var results: [SearchResult] = []
        for route in order {
            var result = best[route]!
            result.intent = probability[route] ?? 0
            result.routeScore = scores[route]!
            results.append(result)
        }
        let leaders = Set(order.map { best[$0]!.passage.id })
        for var candidate in candidates where !leaders.contains(candidate.passage.id) && results.count < limit {
            candidate.intent = probability[candidate.passage.route] ?? 0
            candidate.routeScore = scores[candidate.passage.route] ?? 0
            results.append(candidate)
        }
        return Array(results.prefix(limit))
    }
}
