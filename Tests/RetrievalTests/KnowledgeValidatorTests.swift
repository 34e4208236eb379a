import Testing
@testable import Retrieval

@Suite("Knowledge validation")
struct KnowledgeValidatorTests {
    private func problems(_ files: [SourceFile]) -> [String] {
        let (base, parseProblems) = KnowledgeBase.parse(files)
        return (parseProblems + KnowledgeValidator.problems(in: base)).map(\.description)
    }

    @Test("the fixture content is valid")
    func valid() {
        #expect(problems(Fixtures.files) == [])
    }

    @Test("a summary may be two short sentences")
    func twoShortSentences() {
        let files = Fixtures.files.filter { $0.path != "gemeente/huishouden.md" } + [Fixtures.document(id: "huishouden", summary: "Lukt schoonmaken niet meer? De gemeente kan helpen.")]
        #expect(problems(files) == [])
    }

    @Test("each broken rule is reported at its file and line", arguments: [
        (Fixtures.document(id: "x", route: "onbekend"), "gemeente/x.md:4: unknown route id 'onbekend'"),
        (Fixtures.document(id: "x", summary: "Eerste zin. Tweede zin. Derde zin."), "gemeente/x.md:5: the summary must be one sentence, or two short ones (at most 30 words)"),
        (Fixtures.document(id: "x", summary: "Geen punt aan het eind"), "gemeente/x.md:5: the summary must be one sentence, or two short ones (at most 30 words)"),
        (Fixtures.document(id: "x", summary: "Een eerste zin die veel te lang doorloopt met woorden. " + String(repeating: "woord ", count: 25) + "eind."),
         "gemeente/x.md:5: the summary must be one sentence, or two short ones (at most 30 words)"),
        (Fixtures.document(id: "X_1"), "gemeente/X_1.md:2: id 'X_1' may only use a-z, 0-9 and '-'"),
        (Fixtures.document(id: "x", body: "## Zie\n[a](../nergens.md)"), "gemeente/x.md:16: broken link to '../nergens.md'"),
        (Fixtures.document(id: "x", body: "Geen kopjes."), "gemeente/x.md:1: the body has no '## ' sections"),
        (Fixtures.document(id: "x", extra: "colour: blauw\n"), "gemeente/x.md:13: unknown field 'colour'"),
    ])
    func rules(file: SourceFile, expected: String) {
        #expect(problems(Fixtures.files + [file]) == [expected])
    }

    @Test("a bad date, empty sources and a file name that differs from the id")
    func fieldRules() {
        var file = Fixtures.document(id: "x")
        file.text = file.text.split(separator: "checked: 2026-11-22").joined(separator: "checked: 22-11-2026")
        #expect(problems(Fixtures.files + [file]) == ["gemeente/x.md:12: 'checked' must be a date as YYYY-MM-DD, not '22-11-2026'"])
        var noSources = Fixtures.document(id: "y")
        noSources.text = noSources.text.split(separator: "  - https://www.rijksoverheid.nl/onderwerpen/zorg-en-ondersteuning-thuis\n").joined()
        #expect(problems(Fixtures.files + [noSources]) == ["gemeente/y.md:10: no sources"])
        var renamed = Fixtures.document(id: "z")
        renamed.path = "gemeente/andere-naam.md"
        #expect(problems(Fixtures.files + [renamed]) == ["gemeente/andere-naam.md:2: id 'z' does not match the file name 'andere-naam.md'"])
    }

    @Test("a duplicate id names the other file")
    func duplicateID() {
        let copy = Fixtures.document(id: "huishouden", folder: "samen")
        #expect(problems(Fixtures.files + [copy]) == ["samen/huishouden.md:2: duplicate id 'huishouden', also used in gemeente/huishouden.md"])
    }

    @Test("a route without a document and a missing route list are reported")
    func routeCoverage() {
        let withoutRespite = Fixtures.files.filter { $0.path != "samen/respijtzorg.md" }
        #expect(problems(withoutRespite) == [
            "routes.tsv:3: route 'mantelzorg' has no document",
            "routes.tsv:3: card document 'respijtzorg' of route 'mantelzorg' does not exist",
        ])
        let withoutRoutes = Fixtures.files.filter { $0.path != "routes.tsv" }
        #expect(problems(withoutRoutes).first == "routes.tsv:1: the route list is missing or empty")
    }

    @Test("every route names a card document of its own route")
    func cardDocuments() {
        let routes = SourceFile(path: "routes.tsv", text: "wmo-gemeente\tWmo\trespijtzorg\nmantelzorg\tMantelzorg\nhuisartsenpost\tHAP\thuisartsenpost\n")
        #expect(problems([routes] + Fixtures.files.dropFirst()) == [
            "routes.tsv:1: card document 'respijtzorg' belongs to route 'mantelzorg', not 'wmo-gemeente'",
            "routes.tsv:2: route 'mantelzorg' names no card document (third column)",
        ])
    }

    @Test("files that cannot be parsed are reported and the rest still loads")
    func parseProblems() {
        let broken = SourceFile(path: "gemeente/kapot.md", text: "geen front matter")
        let (base, problems) = KnowledgeBase.parse(Fixtures.files + [broken, SourceFile(path: "synonyms.tsv", text: "a\n")])
        #expect(problems.map(\.description) == [
            "gemeente/kapot.md:1: expected front matter starting with '---' on the first line",
            "synonyms.tsv:1: expected two fields separated by one tab",
        ])
        #expect(base.documents.count == 3)
    }

    @Test("sentence counting ignores abbreviations and counts the final stop", arguments: [
        ("Een zin.", 1), ("Zin een. Zin twee.", 2), ("Vraag? Antwoord.", 2), ("Hulp o.a. thuis.", 1), ("Geen punt", 0),
    ])
    func sentences(text: String, count: Int) {
        #expect(KnowledgeValidator.sentenceCount(text) == count)
    }

    @Test("links resolve relative to the document", arguments: [
        ("../rechten/bezwaar.md", "gemeente/wmo.md", "rechten/bezwaar.md"),
        ("respijt.md#kosten", "samen/mantelzorg.md", "samen/respijt.md"),
        ("./a.md", "top.md", "a.md"),
    ])
    func resolves(target: String, from: String, expected: String) {
        #expect(KnowledgeValidator.resolve(target, from: from) == expected)
    }
}
