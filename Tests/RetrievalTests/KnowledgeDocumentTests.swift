import Testing
@testable import Retrieval

@Suite("Knowledge documents and passages")
struct KnowledgeDocumentTests {
    @Test("front matter fields, sections at ## headings, and relative links")
    func parses() throws {
        let file = Fixtures.document(id: "huishouden", keywords: "schoonmaken, poetsen ,",
                                     body: "# Titel\nInleiding.\n\n## Voor wie\nZie [bezwaar](../rechten/bezwaar.md) en [site](https://example.org).\n\n## Wat kost het\nEen **eigen** bijdrage.")
        let document = try KnowledgeDocument.parse(file.text, path: file.path)
        #expect(document.id == "huishouden")
        #expect(document.keywords == ["schoonmaken", "poetsen"])
        #expect(document.prepare == ["uw BSN"])
        #expect(document.sections.map(\.heading) == [nil, "Voor wie", "Wat kost het"])
        #expect(document.sections[0].markdown == "Inleiding.")
        #expect(document.links == [.init(target: "../rechten/bezwaar.md", line: 19)])
    }

    @Test("a missing required field is an error")
    func missingField() {
        let text = Fixtures.document(id: "a").text.replacingOccurrences(of: "route: wmo-gemeente\n", with: "")
        #expect(throws: KnowledgeError(file: "a.md", line: 1, message: "missing required field 'route'")) {
            try KnowledgeDocument.parse(text, path: "a.md")
        }
    }

    @Test("passages: an opening passage with the summary, then one per section, with plain text")
    func passages() throws {
        let file = Fixtures.document(id: "huishouden", body: "## Voor wie\nZie [het loket](../a.md).\n\n## Voor wie\nNog eens.\n\n## Voor wie\nEn weer.")
        let passages = Passage.passages(of: try KnowledgeDocument.parse(file.text, path: file.path))
        #expect(passages.map(\.id) == ["huishouden", "huishouden#voor-wie", "huishouden#voor-wie-2", "huishouden#voor-wie-3"])
        #expect(passages[0].section == nil)
        #expect(passages[0].text == "De gemeente helpt als schoonmaken niet meer lukt.")
        #expect(passages[1].text == "Zie het loket.")
        #expect(passages.allSatisfy { $0.route == "wmo-gemeente" && $0.keywords == "schoonmaken, poetsen" })
    }

    @Test("snippets cut at a word boundary")
    func snippets() {
        #expect(MarkdownText.snippet("kort") == "kort")
        #expect(MarkdownText.snippet("een twee drie vier", limit: 9) == "een twee …")
        #expect(MarkdownText.snippet("  Eerste zin.\n\nTweede\tzin is langer.  ", limit: 14) == "Eerste zin.")
        #expect(MarkdownText.snippet("  a  b  ", limit: 3) == "a b")
    }

    @Test("a snippet is the start of the whole text flattened, for every passage and limit")
    func snippetsOfPassages() throws {
        /// The definition, on the whole text: every word on one line; within `limit + 1` characters,
        /// up to the last sentence end, else the last whole word and "…".
        func reference(_ text: String, limit: Int) -> String {
            let flat = text.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
            guard flat.count > limit else { return flat }
            let cut = Array(flat.prefix(limit + 1))
            let ends = cut.indices.filter { ".?!".contains(cut[$0]) && $0 > 0 && ($0 == cut.count - 1 || cut[$0 + 1] == " ") }
            if let end = ends.last { return String(cut[...end]) }
            let word = cut.dropLast().lastIndex(of: " ") ?? cut.count
            return String(cut[..<word]) + " …"
        }
        for passage in try KnowledgeContentTests.load().passages {
            for limit in [0, 1, 9, 40, 220, 320, 5_000] {
                #expect(MarkdownText.snippet(passage.text, limit: limit) == reference(passage.text, limit: limit), "\(passage.id) at \(limit)")
            }
        }
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
