import Retrieval

/// Where to go, why, how to reach it, what to bring and where that comes from: made from a Knowledge
/// document's front matter, so contact details live in one place only; in a gemeente with an overlay,
/// the local desk's contact replaces the national one.
public struct RouteCard: Equatable, Sendable {
    public var route: Route
    public var document: KnowledgeDocument
    /// The gemeente the card is for, when known.
    public var gemeente: Gemeente?
    /// The gemeente's overlay that gave the local desk, and the desk.
    public var overlay: LocalOverlay?
    public var local: LocalOverlay.LocalDesk?

    /// The card for `reference`: its own document when named, else the route's card document; for
    /// the gemeente called `gemeente`, with its own desk when its overlay has one for the route.
    public init?(_ reference: RouteReference, in knowledge: KnowledgeBase, gemeente: String? = nil) {
        guard let route = knowledge.route(id: reference.route),
              let id = reference.document ?? route.cardDocument ?? knowledge.documents.first(where: { $0.route == route.id })?.id,
              let document = knowledge.document(id: id) else { return nil }
        self.route = route
        self.document = document
        guard let gemeente, let place = knowledge.gemeenten.named(gemeente) else { return }
        self.gemeente = place
        overlay = knowledge.overlay(for: place.name)
        local = overlay?.desk(for: route.id)
    }

    /// How to reach the desk: the local desk where the overlay has one; else the national contact,
    /// with the gemeente's name where it says "uw gemeente"; for the zorgkantoor, the region.
    public var contact: String {
        if let local { return local.contact }
        var contact = document.contact
        guard let gemeente else { return contact }
        contact = contact.replacing("de naam van uw gemeente", with: gemeente.name).replacing("uw gemeente", with: "de gemeente \(gemeente.name)")
        if route.id == Self.zorgkantoorRoute, let region = gemeente.zorgkantoorRegion {
            contact += " De gemeente \(gemeente.name) hoort bij zorgkantoorregio \(region)."
        }
        return contact
    }

    static let zorgkantoorRoute = "zorgkantoor"

    /// What to bring: the overlay's list where it differs, else the document's.
    public var prepare: [String] {
        local.map { $0.prepare.isEmpty ? document.prepare : $0.prepare } ?? document.prepare
    }

    /// The card as the terminal shows it: desk, why, how to reach it, what to bring. Sources and
    /// law articles are long and few read them in a conversation: `bronnen` shows them
    /// (`sourcesText`), and the JSON turn carries them.
    public var text: String {
        """
        ▸ \(route.name)
          Waarom: \(document.summary)
          Contact: \(contact)
          Neem mee: \(prepare.joined(separator: "; "))
        """
    }

    /// Every source of the card: the document's, then the local desk's.
    public var sources: [String] {
        document.sources + (local?.sources ?? [])
    }

    /// Where the card's facts come from, and when they were checked.
    public var sourcesText: String {
        var lines = ["▸ \(route.name) (gecontroleerd op \(document.checked))"] + document.sources.map { "  - \($0)" }
        if let local, let overlay {
            lines.append("  \(local.desk), gemeente \(overlay.gemeente) (gecontroleerd op \(overlay.checked)):")
            lines += local.sources.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
