/// A route recommended for a question, with the document that explains it and the passage that matched.
///
/// Results are passages; people need desks. Grouping by route, best first, turns the ranking into
/// "go here, and here is why", and the document's front matter supplies how to reach the desk.
public struct RouteSuggestion: Equatable, Sendable {
    public var route: Route
    public var document: KnowledgeDocument
    public var bestResult: SearchResult

    /// The distinct routes of `results` in rank order, at most `limit`.
    public static func suggestions(for results: [SearchResult], in knowledge: KnowledgeBase, limit: Int = 3) -> [RouteSuggestion] {
        var seen: Set<String> = []
        var suggestions: [RouteSuggestion] = []
        for result in results where suggestions.count < limit && seen.insert(result.passage.route).inserted {
            guard let route = knowledge.route(id: result.passage.route),
                  let document = knowledge.document(id: result.passage.documentID) else { continue }
            suggestions.append(RouteSuggestion(route: route, document: document, bestResult: result))
        }
        return suggestions
    }
}
