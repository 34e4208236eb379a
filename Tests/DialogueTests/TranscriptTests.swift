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
