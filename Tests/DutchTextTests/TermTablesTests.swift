import Testing
@testable import DutchText

@Suite("Synonym and stem-override tables")
struct TermTablesTests {
    @Test("synonym lines map variants to a canonical phrase; comments and blank lines are skipped")
    func synonyms() throws {
        let text = "# comment\n\nwijkverpleging\tthuiszorg, wijkzuster\nhulp bij het huishouden\thuishoudelijke hulp\n"
        let synonyms = try TermTables.parseSynonyms(text)
        #expect(synonyms.count == 2)
        #expect(synonyms[0] == .init(canonical: "wijkverpleging", variants: ["thuiszorg", "wijkzuster"], line: 3))
        #expect(synonyms[1].canonical == "hulp bij het huishouden")
    }

    @Test("stem overrides are folded")
    func overrides() throws {
        #expect(try TermTables.parseStemOverrides("Gemeenten\tgemeent\nhuisartsen\thuisarts") ==
                ["gemeenten": "gemeent", "huisartsen": "huisarts"])
    }

    @Test("malformed lines name their line", arguments: [
        ("ok\ta\nno tab here", 2),
        ("a\tb\tc", 1),
        ("\n\nalleen\t , ", 3),
    ])
    func errors(text: String, line: Int) {
        #expect(throws: TermTables.ParseError.self) { try TermTables.parseSynonyms(text) }
        do { _ = try TermTables.parseSynonyms(text) } catch { #expect(error.line == line) }
    }

    @Test("a stem override with spaces is refused")
    func overrideWithSpaces() {
        #expect(throws: TermTables.ParseError(line: 1, message: "a stem override takes one word on each side")) {
            try TermTables.parseStemOverrides("twee woorden\tstam")
        }
    }
}
