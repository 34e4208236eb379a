import Testing
@testable import Retrieval

@Suite("gemeenten and local overlays")
struct LocalOverlayTests {
    static let list = SourceFile(path: "gemeenten/gemeenten.tsv", text: """
        # naam\tcode\tprovincie\tzorgkantoorregio
        's-Gravenhage\tGM0518\tZuid-Holland\tHaaglanden
        's-Hertogenbosch\tGM0796\tNoord-Brabant\t's-Hertogenbosch
        Alphen aan den Rijn\tGM0484\tZuid-Holland\tMidden-Holland
        Best\tGM0753\tNoord-Brabant\tZuidoost-Brabant
        Dinkelland\tGM1774\tOverijssel\tTwente
        Noordenveld\tGM1699\tDrenthe\tDrenthe
        Steenwijkerland\tGM1708\tOverijssel\tZwolle
        Súdwest-Fryslân\tGM1900\tFryslân\t-
        Tilburg\tGM0855\tNoord-Brabant\tMidden-Brabant
        """)
    static let places = SourceFile(path: "gemeenten/woonplaatsen.tsv", text: "Denekamp\tDinkelland\nBerkel-Enschot\tTilburg\nEen\tNoordenveld\nNederland\tSteenwijkerland\n")

    static func overlay(_ text: String, path: String = "gemeenten/tilburg.md") -> SourceFile {
        SourceFile(path: path, text: text)
    }

    static let tilburg = overlay("""
        ---
        gemeente: Tilburg
        checked: 2026-11-30
        ---

        ## wmo-gemeente
        desk: Toegang Tilburg
        phone: 14 013
        hours: op werkdagen van 9.00 tot 17.00 uur
        web: https://www.tilburg.nl/toegang
        names: Toegang
        sources:
          - https://www.tilburg.nl/toegang

        ## mantelzorg
        desk: Steunpunt Mantelzorg
        prepare:
          - uw pas
        sources:
          - https://www.tilburg.nl/mantelzorg
        """)

    static var base: KnowledgeBase {
        KnowledgeBase.parse(Fixtures.files + [list, places, tilburg, SourceFile(path: "gemeenten/BRON.md", text: "Bron: CBS")]).base
    }

    @Test("a gemeente is found however it is written: case, apostrophes, diacritics, hyphens, its common name, a woonplaats")
    func names() {
        let gemeenten = Self.base.gemeenten
        #expect(gemeenten.gemeenten.count == 9)
        for (written, name) in [("tilburg", "Tilburg"), ("Den Haag", "'s-Gravenhage"), ("s-gravenhage", "'s-Gravenhage"),
                                ("den bosch", "'s-Hertogenbosch"), ("’s-Hertogenbosch", "'s-Hertogenbosch"), ("sudwest fryslan", "Súdwest-Fryslân"),
                                ("DENEKAMP", "Dinkelland"), ("berkel enschot", "Tilburg")] {
            #expect(gemeenten.named(written)?.name == name, "\(written)")
        }
        #expect(gemeenten.named("Atlantis") == nil)
        #expect(gemeenten.named("Súdwest-Fryslân")?.zorgkantoorRegion == nil && gemeenten.named("Best")?.code == "GM0753")
    }

    @Test("where the writer lives: after 'woon in', 'gemeente' or 'in'; a name that is a Dutch word only after the strong cues",
          arguments: [
            ("ik woon in Tilburg en heb hulp nodig", "Tilburg"), ("wij wonen sinds kort in alphen aan den rijn", "Alphen aan den Rijn"),
            ("mijn moeder woont in Den Haag", "'s-Gravenhage"), ("bij de gemeente Dinkelland", "Dinkelland"),
            ("hulp bij het huishouden in Tilburg?", "Tilburg"), ("ik woon in Denekamp", "Dinkelland"),
            ("ik woon in Best", "Best"), ("ik doe echt mijn best", nil), ("we zijn in best een lastige situatie", nil),
            ("ik kom uit Den Bosch", "'s-Hertogenbosch"), ("ik zorg voor mijn moeder", nil), ("tilburg", nil),
            ("ik werk in Tilburg maar ik woon in Dinkelland", "Dinkelland"),
            ("ik woon alleen in een huis met een trap", nil), ("ik woon in Nederland sinds 2019", nil),
          ] as [(String, String?)])
    func mentioned(text: String, gemeente: String?) {
        #expect(Self.base.gemeenten.mentioned(in: text, isWord: { $0 == "best" })?.name == gemeente, "\(text)")
    }

    @Test("an overlay gives each route's desk; its contact line names desk, phone with hours, and web page")
    func overlayParsed() throws {
        let overlay = try #require(Self.base.overlay(for: "TILBURG"))
        #expect(overlay.desks.map(\.route) == ["wmo-gemeente", "mantelzorg"])
        #expect(overlay.desk(for: "wmo-gemeente")?.contact == "Toegang Tilburg. Bel 14 013 (op werkdagen van 9.00 tot 17.00 uur). https://www.tilburg.nl/toegang")
        #expect(overlay.desk(for: "mantelzorg")?.contact == "Steunpunt Mantelzorg. Zoek op internet naar \"Steunpunt Mantelzorg\".")
        #expect(overlay.desk(for: "wmo-gemeente")?.names == ["Toegang"] && overlay.desk(for: "mantelzorg")?.prepare == ["uw pas"])
        #expect(Self.base.documents.count == 3, "BRON.md and the overlay are not documents")
        #expect(LocalOverlay.fileName(for: "'s-Gravenhage") == "s-gravenhage.md" && LocalOverlay.fileName(for: "Alphen aan den Rijn") == "alphen-aan-den-rijn.md")
    }

    @Test("an overlay that cannot be read is reported with its line", arguments: [
        ("---\ngemeente: Tilburg\n---\n\n## wmo-gemeente\ndesk: X\nsources:\n  - https://x.nl\n", "gemeenten/tilburg.md:1: missing required field 'checked' (a single value)"),
        ("---\ngemeente: Tilburg\nchecked: 2026-11-30\n---\n\n## wmo-gemeente\nphone: 14 013\nsources:\n  - https://x.nl\n", "gemeenten/tilburg.md:6: section 'wmo-gemeente' has no 'desk'"),
        ("---\ngemeente: Tilburg\nchecked: 2026-11-30\n---\n\n## wmo-gemeente\ndesk: X\n", "gemeenten/tilburg.md:6: section 'wmo-gemeente' has no 'sources'"),
        ("---\ngemeente: Tilburg\nchecked: 2026-11-30\n---\n\n## wmo-gemeente\ndesk: X\ntelefoon: 1\nsources:\n  - https://x.nl\n",
         "gemeenten/tilburg.md:8: unknown key 'telefoon'; known: desk, hours, names, phone, prepare, sources, web"),
        ("---\ngemeente: Tilburg\nchecked: 2026-11-30\n---\nlos\n## wmo-gemeente\ndesk: X\nsources:\n  - https://x.nl\n",
         "gemeenten/tilburg.md:5: text before the first '## route' section"),
    ])
    func parseProblems(text: String, problem: String) {
        let problems = KnowledgeBase.parse(Fixtures.files + [Self.list, Self.overlay(text)]).problems
        #expect(problems.map(\.description) == [problem])
    }

    @Test("validate: a listed gemeente in a file of its name, known routes once each, a date, addresses")
    func validation() {
        let bad = Self.overlay("""
            ---
            gemeente: tilburg
            checked: gisteren
            ---
            ## wmo-gemeente
            desk: A
            web: tilburg.nl
            sources:
              - de website
            ## wmo-gemeente
            desk: B
            sources:
              - https://x.nl
            ## tandarts
            desk: C
            sources:
              - https://x.nl
            """, path: "gemeenten/tilburgh.md")
        let base = KnowledgeBase.parse(Fixtures.files + [Self.list, bad]).base
        #expect(KnowledgeValidator.problems(in: base).map(\.description) == [
            "gemeenten/tilburgh.md:2: write the gemeente as the list does: 'Tilburg'",
            "gemeenten/tilburgh.md:2: the overlay of tilburg must be gemeenten/tilburg.md",
            "gemeenten/tilburgh.md:3: 'checked' must be a date as YYYY-MM-DD, not 'gisteren'",
            "gemeenten/tilburgh.md:5: 'web' must be an address, not 'tilburg.nl'",
            "gemeenten/tilburgh.md:5: a source must name its page's address: 'de website'",
            "gemeenten/tilburgh.md:10: route 'wmo-gemeente' has two sections",
            "gemeenten/tilburgh.md:14: unknown route 'tandarts'",
        ])
        let unlisted = KnowledgeBase.parse(Fixtures.files + [Self.list, Self.overlay("---\ngemeente: Atlantis\nchecked: 2026-11-30\n---\n## wmo-gemeente\ndesk: A\nsources:\n  - https://a.nl\n", path: "gemeenten/atlantis.md")]).base
        #expect(KnowledgeValidator.problems(in: unlisted).map(\.description) == ["gemeenten/atlantis.md:2: 'Atlantis' is not a gemeente in gemeenten/gemeenten.tsv"])
        #expect(KnowledgeValidator.problems(in: Self.base).isEmpty)
    }
}
