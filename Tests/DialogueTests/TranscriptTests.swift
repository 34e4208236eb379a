import Foundation
import Retrieval
import Testing
@testable import Dialogue

/// Every transcript in Tests/Conversations, played against the bundled content.
@Suite("Conversation transcripts")
struct TranscriptTests {
    static let folder = BundledContent.root.appending(path: "Tests/Conversations").path
    static let files: [SourceFile] = ((try? KnowledgeLoader.read(folder)) ?? []).filter { $0.path.hasSuffix(".md") }

    @Test("the bundled Knowledge and Dialogs validate")
    func contentIsValid() {
        #expect(BundledContent.loaded.problems == [])
    }

    @Test("there are at least 40 transcripts")
    func enough() {
        #expect(Self.files.count >= 40)
    }

    @Test("each transcript passes", arguments: files.map(\.path))
    func passes(path: String) throws {
        let file = try #require(Self.files.first { $0.path == path })
        let transcript = try Transcript.parse(file.text, path: file.path)
        let failures = TranscriptRunner(engine: BundledContent.engine).failures(of: transcript)
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    }

    @Test("a failing check reports the line, the expectation and the actual turn")
    func failureReport() throws {
        let transcript = try Transcript.parse("# t\n> stop\n< routes: huisarts\n< ended\n", path: "t.md")
        let failures = TranscriptRunner(engine: BundledContent.engine).failures(of: transcript)
        #expect(failures.count == 1)
        let report = try #require(failures.first).description
        #expect(report.hasPrefix("t.md:3: expected routes [huisarts]\n  actual turn:\n  + Samenvatting"))
    }

    @Test("unknown checks and empty transcripts are errors with a line")
    func parseErrors() {
        #expect(throws: DialogError(file: "t.md", line: 2, message: "unknown expectation 'bevat' (contains, not, matches, options, option, routes, flow, step, ended, safety, erased)")) {
            try Transcript.parse("> hoi\n< bevat: x\n", path: "t.md")
        }
        #expect(throws: DialogError(file: "t.md", line: 1, message: "a transcript needs at least one '> line'")) {
            try Transcript.parse("# leeg\n", path: "t.md")
        }
    }
}

@Suite("Flow pictures")
struct FlowGraphTests {
    @Test("docs/DIALOGS.md embeds the current Mermaid picture of the intake")
    func documentedIntake() throws {
        let intake = try #require(BundledContent.content.dialogs.intake)
        let docs = try String(contentsOf: BundledContent.root.appending(path: "docs/DIALOGS.md"), encoding: .utf8)
        #expect(docs.contains("```mermaid\n" + FlowGraph.render([intake], format: .mermaid) + "\n```"))
    }

    @Test("every step is a node and every way forward an edge")
    func edges() throws {
        let flow = try FlowParser.parse("---\nid: f\ntitle: F\n---\n## a\nask: Hoe?\n- x: X -> b\n- y: Y | z\ngoto: @g\n\n## b\nend: huisarts\n", path: "f.md")
        let (nodes, edges) = FlowGraph.graph(flow)
        #expect(nodes.map(\.id) == ["f__a", "f__b", "g__start_entry"])
        #expect(edges == [FlowGraph.Edge(from: "f__a", to: "f__b", label: "X"), FlowGraph.Edge(from: "f__a", to: "g__start_entry", label: "anders")])
        #expect(nodes[1].isEnd && nodes[1].label == "b: b\n→ huisarts")
    }
}
