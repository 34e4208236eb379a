import Testing
import Retrieval
@testable import Dialogue

@Suite("route cards for a gemeente")
struct RouteCardTests {
    static let knowledge = KnowledgeBase.parse([
        SourceFile(path: "routes.tsv", text: "wmo-gemeente\tWmo-loket\twmo-loket\nzorgkantoor\tZorgkantoor\tzorgkantoor\n"),
        document("wmo-loket", route: "wmo-gemeente", contact: "Via uw gemeente. Zoek op internet naar \"Wmo-loket\" en de naam van uw gemeente."),
        document("zorgkantoor", route: "zorgkantoor", contact: "Het zorgkantoor van uw regio; zoek het op via uw zorgverzekeraar."),
        SourceFile(path: "gemeenten/gemeenten.tsv", text: "Tilburg\tGM0855\tNoord-Brabant\tMidden-Brabant\nDinkelland\tGM1774\tOverijssel\t-\n"),
        SourceFile(path: "gemeenten/tilburg.md", text: """
            ---
            gemeente: Tilburg
            checked: 2026-11-30
            ---
            ## wmo-gemeente
            desk: Toegang Tilburg
            phone: 14 013
            prepare:
              - uw DigiD
            sources:
              - https://www.tilburg.nl/toegang
            """),
    ]).base

    static func document(_ id: String, route: String, contact: String) -> SourceFile {
        SourceFile(path: "gemeente/\(id).md", text: """
            ---
            id: \(id)
            title: \(id)
            route: \(route)
            summary: Een zin.
            keywords: a
            contact: \(contact)
            prepare:
              - uw BSN
            sources:
              - https://www.rijksoverheid.nl
            checked: 2026-11-22
            ---
            ## Voor wie
            Iedereen.
            """)
    }

    @Test("without a gemeente the card is national")
    func national() throws {
        let card = try #require(RouteCard(RouteReference(route: "wmo-gemeente"), in: Self.knowledge))
        #expect(card.contact == "Via uw gemeente. Zoek op internet naar \"Wmo-loket\" en de naam van uw gemeente.")
        #expect(card.local == nil && card.gemeente == nil)
    }

    @Test("a gemeente with an overlay gives its own desk, what to bring and its sources")
    func local() throws {
        let card = try #require(RouteCard(RouteReference(route: "wmo-gemeente"), in: Self.knowledge, gemeente: "tilburg"))
        #expect(card.contact == "Toegang Tilburg. Bel 14 013.")
        #expect(card.prepare == ["uw DigiD"] && card.sources == ["https://www.rijksoverheid.nl", "https://www.tilburg.nl/toegang"])
        #expect(card.text.contains("Contact: Toegang Tilburg. Bel 14 013.") && card.sourcesText.contains("Toegang Tilburg, gemeente Tilburg (gecontroleerd op 2026-11-30):"))
    }

    @Test("a gemeente without an overlay is named where the contact says 'uw gemeente'; the zorgkantoor card names the region")
    func named() throws {
        let wmo = try #require(RouteCard(RouteReference(route: "wmo-gemeente"), in: Self.knowledge, gemeente: "Dinkelland"))
        #expect(wmo.contact == "Via de gemeente Dinkelland. Zoek op internet naar \"Wmo-loket\" en Dinkelland.")
        let tilburg = try #require(RouteCard(RouteReference(route: "zorgkantoor"), in: Self.knowledge, gemeente: "Tilburg"))
        #expect(tilburg.contact.hasSuffix("De gemeente Tilburg hoort bij zorgkantoorregio Midden-Brabant."))
        #expect(tilburg.local == nil, "Tilburg's overlay has no zorgkantoor section: the national card stays")
        let unknownRegion = try #require(RouteCard(RouteReference(route: "zorgkantoor"), in: Self.knowledge, gemeente: "Dinkelland"))
        #expect(!unknownRegion.contact.contains("zorgkantoorregio"))
    }
}
