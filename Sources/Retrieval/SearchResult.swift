/// One ranked passage, with what explains its score.
public struct SearchResult: Equatable, Sendable {
    public var passage: Passage
    public var score: Double
    /// The query terms (stems) that occur in the passage, in query order.
    public var matchedTerms: [String]
}

extension Array where Element == SearchResult {
    /// The distinct routes of the results, in rank order: what "top-3 routes" means.
    public var distinctRoutes: [String] {
        var seen: Set<String> = []
        return compactMap { seen.insert($0.passage.route).inserted ? $0.passage.route : nil }
    }
}
