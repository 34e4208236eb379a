/// One ranked passage, with what explains its score.
public struct SearchResult: Equatable, Sendable {
    public var passage: Passage
    public var score: Double
    /// The query terms (stems) that occur in the passage, in query order.
    public var matchedTerms: [String]
    /// The route classifier's probability for the passage's route (0 without a classifier).
    public var intent: Double = 0
    /// The route's fused score, by which results are ordered: `intentWeight · intent` plus the
    /// rest times the route's best passage score relative to the question's best passage.
    public var routeScore: Double = 0

    public init(passage: Passage, score: Double, matchedTerms: [String] = [], intent: Double = 0, routeScore: Double = 0) {
        self.passage = passage
        self.score = score
        self.matchedTerms = matchedTerms
        self.intent = intent
        self.routeScore = routeScore
    }
}

extension Array where Element == SearchResult {
    /// The distinct routes of the results, in rank order: what "top-3 routes" means.
    public var distinctRoutes: [String] {
        var seen: Set<String> = []
        return compactMap { seen.insert($0.passage.route).inserted ? $0.passage.route : nil }
    }
}
