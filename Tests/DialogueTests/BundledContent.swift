import Dialogue
import Foundation
import Retrieval

/// The repository's own Knowledge/ and Dialogs/, loaded once for the tests that check real content.
enum BundledContent {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = root.deletingLastPathComponent().appending(path: "shared")
    static let sharedPresent = FileManager.default.fileExists(atPath: shared.appending(path: "eval/dev.tsv").path)

    static let loaded: (content: DialogueContent, problems: [String]) = {
        let (knowledge, knowledgeProblems) = KnowledgeBase.parse((try? KnowledgeLoader.read(root.appending(path: "Knowledge").path)) ?? [])
        let (dialogs, dialogProblems) = DialogSet.parse((try? KnowledgeLoader.read(root.appending(path: "Dialogs").path)) ?? [])
        let problems = knowledgeProblems.map(\.description) + dialogProblems.map(\.description)
            + DialogValidator.problems(in: dialogs, knowledge: knowledge).map(\.description)
        return (DialogueContent(dialogs: dialogs, knowledge: knowledge, index: BM25Index(knowledge: knowledge)), problems)
    }()

    static var content: DialogueContent { loaded.content }

    /// The engine's sentences and answer words from the bundled Dialogs/, for tests that write their own flows.
    static let languageFiles: [SourceFile] = ["zinnen.tsv", "woorden.tsv"].map { name in
        SourceFile(path: name, text: (try? String(contentsOf: root.appending(path: "Dialogs/\(name)"), encoding: .utf8)) ?? "")
    }
    static let engine = Engine(content: content)

    /// The development questions of the shared evaluation set, with their routes.
    static func devQuestions() throws -> [(text: String, routes: Set<String>)] {
        let text = try String(contentsOf: shared.appending(path: "eval/dev.tsv"), encoding: .utf8)
        return try RouteEvaluation.parseQuestions(text, file: "dev.tsv").map { ($0.text, $0.routes) }
    }
}
