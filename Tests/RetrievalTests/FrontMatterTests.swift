import Testing
@testable import Retrieval

@Suite("Front matter")
struct FrontMatterTests {
    @Test("key-value lines and block lists, each with its line")
    func parses() throws {
        let front = try FrontMatter.parse("---\nid: a\nsources:\n  - een\n  - twee\nchecked: 2026-11-22\n---\nbody", file: "a.md")
        #expect(front.fields["id"] == .text("a", line: 2))
        #expect(front.fields["sources"] == .list(["een", "twee"], line: 3))
        #expect(front.fields["checked"] == .text("2026-11-22", line: 6))
        #expect(front.bodyStartLine == 8)
        #expect(front.body == ["body"])
    }

    @Test("a value may contain a colon")
    func colonInValue() throws {
        let front = try FrontMatter.parse("---\ncontact: Bel: 0800-2000\n---\n", file: "a.md")
        #expect(front.fields["contact"] == .text("Bel: 0800-2000", line: 2))
    }

    @Test("malformed front matter is reported at its line", arguments: [
        ("no front matter", 1, "expected front matter starting with '---' on the first line"),
        ("---\nid: a\n", 1, "front matter is not closed by a '---' line"),
        ("---\nid: a\n  - stray\n---\n", 3, "list item outside a list; write the key alone on the line before"),
        ("---\nid: a\nid: b\n---\n", 3, "duplicate key 'id'"),
        ("---\njust text\n---\n", 2, "expected 'key: value'"),
    ])
    func errors(text: String, line: Int, message: String) {
        #expect(throws: KnowledgeError(file: "x.md", line: line, message: message)) {
            try FrontMatter.parse(text, file: "x.md")
        }
    }
}

@Suite("Windows line endings")
struct LineEndingTests {
    @Test("a document saved with CRLF line endings parses like one with LF")
    func crlfDocument() throws {
        let unix = Fixtures.document(id: "huishouden")
        let windows = unix.text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        #expect(try KnowledgeDocument.parse(windows, path: unix.path) == KnowledgeDocument.parse(unix.text, path: unix.path))
    }

    @Test("tables and question files with CRLF line endings parse")
    func crlfTables() throws {
        #expect(try Route.parseList("a\tA\r\nb\tB\r\n", file: "routes.tsv").map(\.id) == ["a", "b"])
        #expect(try RouteEvaluation.parseQuestions("question\troutes\r\nvraag\ta\r\n", file: "q.tsv").map(\.text) == ["vraag"])
    }
}
