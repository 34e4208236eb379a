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
        // Each route once: its best passage, or its card passage when only the classifier found it.
        var leaders: [(result: SearchResult, candidate: Int?)] = []
        var seen: Set<String> = []
        for (number, candidate) in candidates.enumerated() where seen.insert(candidate.passage.route).inserted {
            leaders.append((candidate, number))
        }
        for (route, chance) in zip(classifier.routes, intent)
        where chance >= Self.minimumIntentWithoutPassage && !seen.contains(route) {
            if let passage = index.routePassages[route] {
                leaders.append((SearchResult(passage: index.passages[Int(passage)], score: 0), nil))
            }
        }
        let scale = max(top, lexicalFloor)
        for slot in leaders.indices {
            let chance = classifier.probability(of: leaders[slot].result.passage.route, in: intent)
            leaders[slot].result.intent = chance
            leaders[slot].result.routeScore = weight * chance + (1 - weight) * leaders[slot].result.score / scale
        }
        leaders.sort { a, b in
            if a.result.routeScore != b.result.routeScore { return a.result.routeScore > b.result.routeScore }
            if a.result.score != b.result.score { return a.result.score > b.result.score }
            return a.result.passage.route < b.result.passage.route
        }
        var results = leaders.map(\.result)
        var routeScore: [String: (intent: Double, score: Double)] = [:]
        for leader in results { routeScore[leader.passage.route] = (leader.intent, leader.routeScore) }
        let led = Set(leaders.compactMap(\.candidate))
        for (number, var candidate) in candidates.enumerated() where results.count < limit && !led.contains(number) {
            (candidate.intent, candidate.routeScore) = routeScore[candidate.passage.route] ?? (0, 0)
            results.append(candidate)
        }
        return Array(results.prefix(limit))
    }
}
