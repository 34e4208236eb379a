import Retrieval

/// Where to go, why, how to reach it, what to bring and where that comes from: made from a Knowledge
/// document's front matter, so contact details live in one place only.
public struct RouteCard: Equatable, Sendable {
    public var route: Route
    public var document: KnowledgeDocument

    /// The card for `reference`: its own document when named, else the route's card document.
    public init?(_ reference: RouteReference, in knowledge: KnowledgeBase) {
        guard let route = knowledge.route(id: reference.route),
              let id = reference.document ?? route.cardDocument ?? knowledge.documents.first(where: { $0.route == route.id })?.id,
              let document = knowledge.document(id: id) else { return nil }
        self.route = route
        self.document = document
    }

    /// The card as the terminal shows it: desk, why, how to reach it, what to bring. Sources and
    /// law articles are long and few read them in a conversation: `bronnen` shows them
    /// (`sourcesText`), and the JSON turn carries them.
    public var text: String {
        """
        ▸ \(route.name)
          Waarom: \(document.summary)
          Contact: \(document.contact)
          Neem mee: \(document.prepare.joined(separator: "; "))
        """
    }

    /// Where the card's facts come from, and when they were checked.
    public var sourcesText: String {
        (["▸ \(route.name) (gecontroleerd op \(document.checked))"] + document.sources.map { "  - \($0)" }).joined(separator: "\n")
    }
}
