/// When the results for a question are clear enough to answer with one desk instead of asking
/// "Gaat het om een van deze?".
///
/// Asking back costs a turn; a wrong direct answer sends a person to the wrong desk. The rule wants
/// the best route to clear a floor and to lead the next route by a margin. With a route classifier,
/// results carry a fused route score from 0 to 1 and the floor is on that, but the route's passage
/// must still reach `passageScore`, because the classifier is sure of itself on vague questions too
/// ("ik heb een vraag over zorg"). The values are chosen with `routewijzer-bench classifier`, which
/// reports how often the rule answers and how often it is then right on held-out examples.
public struct DirectAnswerRule: Equatable, Sendable {
    /// The BM25F score the answering passage needs (and, without a classifier, the route too).
    public var passageScore = 4.0
    /// The fused route score the best route needs.
    public var routeScore = 0.4
    /// How many times the next route's score the best route needs.
    public var margin = 2.0

    public init() {}

    /// The passage to answer with, or nil when the results call for a clarifying question.
    public func answer(_ results: [SearchResult]) -> SearchResult? {
        let ranked = Self.routes(results)
        guard let best = ranked.first, best.score >= best.result.floor(self),
              best.score >= margin * (ranked.dropFirst().first?.score ?? 0),
              best.result.score >= passageScore else { return nil }
        return best.result
    }

    /// Each route once, with its first result and its score (fused when there is one), best first.
    public static func routes(_ results: [SearchResult]) -> [(route: String, score: Double, result: SearchResult)] {
        var ranked: [(route: String, score: Double, result: SearchResult)] = []
        for result in results where !ranked.contains(where: { $0.route == result.passage.route }) {
            ranked.append((result.passage.route, result.routeScore > 0 ? result.routeScore : result.score, result))
        }
        return ranked
    }
}

private extension SearchResult {
    /// The floor that applies to this result's route score: fused or plain BM25F.
    func floor(_ rule: DirectAnswerRule) -> Double { routeScore > 0 ? rule.routeScore : rule.passageScore }
}
