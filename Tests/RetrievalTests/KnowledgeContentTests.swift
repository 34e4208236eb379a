import Foundation
import Testing
import DutchText
@testable import Retrieval

/// The bundled `Knowledge/` itself: valid, complete, and good enough at routing the development questions.
@Suite("Bundled knowledge content")
struct KnowledgeContentTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shared = root.deletingLastPathComponent().appending(path: "shared")
    static let sharedPresent = FileManager.default.fileExists(atPath: shared.appending(path: "routes.tsv").path)

    static func load() throws -> KnowledgeBase {
        let (base, problems) = KnowledgeBase.parse(try KnowledgeLoader.read(root.appending(path: "Knowledge").path))
        #expect(problems.map(\.description) == [])
        return base
    }

    /// The measure of the typo gate: 3,000 lower-case words of 4 to 14 letters from the
    /// OpenTaal list (every 100th form of the bundled lexicon), each asked on its own, and at most 15
    /// reported as corrections. Before the gate, 3.2 % of such words were changed into others.
    @Test("valid Dutch words are almost never corrected into other words")
    func typoGate() throws {
        let base = try Self.load()
        let text = try String(contentsOf: Self.root.appending(path: "Knowledge/" + KnowledgeBase.lexiconFile), encoding: .utf8)
        let words = text.split(separator: "\n").enumerated().filter { $0.offset % 100 == 0 }
            .map { String($0.element.prefix { $0 != "\t" }) }.filter { (4...14).contains($0.count) }.prefix(3_000)
        #expect(words.count == 3_000)
        let index = BM25Index(passages: base.passages, analyzer: Analyzer(tables: base.tables))
        let corrected = words.filter { word in
            index.analyzer.analyzeQuery(word, vocabulary: index.vocabulary).contains { $0.origin == .correction }
        }
        #expect(corrected.count <= 15, "corrected: \(corrected.prefix(20))")
    }

    @Test("every file validates")
    func validates() throws {
        #expect(KnowledgeValidator.problems(in: try Self.load()).map(\.description) == [])
    }

    @Test("every route in the repository's list has at least one document")
    func everyRouteCovered() throws {
        let base = try Self.load()
        let covered = Set(base.documents.map(\.route))
        #expect(base.routes.count >= 23)
        #expect(base.routes.map(\.id).filter { !covered.contains($0) } == [])
    }

    @Test("the repository's route list has exactly the ids of the shared taxonomy",
          .enabled(if: sharedPresent, "../shared is absent: the shared route taxonomy cannot be compared"))
    func routesMatchShared() throws {
        let text = try String(contentsOf: Self.shared.appending(path: "routes.tsv"), encoding: .utf8)
        let sharedIDs = text.split(separator: "\n").dropFirst().compactMap { $0.split(separator: "\t").first.map(String.init) }
        #expect(try Self.load().routes.map(\.id).sorted() == sharedIDs.sorted())
    }

    @Test("route accuracy on the development questions: top-3 ≥ 0.90 and top-1 ≥ 0.75",
          .enabled(if: sharedPresent, "../shared is absent: no development questions to evaluate"))
    func quality() throws {
        let file = Self.shared.appending(path: "eval/dev.tsv")
        let questions = try RouteEvaluation.parseQuestions(try String(contentsOf: file, encoding: .utf8), file: file.path)
        let index = BM25Index(knowledge: try Self.load())
        var evaluation = RouteEvaluation()
        for question in questions { evaluation.record(question, results: index.search(question.text)) }
        let misses = evaluation.misses.map { "\($0.question.text) → \($0.rankedRoutes.prefix(3))" }.joined(separator: "\n")
        #expect(evaluation.top3 >= 0.90, "top-3 \(evaluation.top3); misses:\n\(misses)")
        #expect(evaluation.top1 >= 0.75, "top-1 \(evaluation.top1); misses:\n\(misses)")
    }
}

@Suite("Bundled context cues")
struct BundledCueTests {
    static let analyzer = Analyzer(tables: try! KnowledgeContentTests.load().tables)

    static func kinds(_ text: String) -> Set<CueKind> {
        analyzer.context(of: analyzer.analyze(text)).kinds
    }

    @Test("cues.tsv marks the aspect, the person and the time of everyday questions", arguments: [
        ("Mijn aanvraag voor begeleiding is afgewezen en ik ben het er niet mee eens", [CueKind.objection, .writer]),
        ("De thuiszorg was erg onbeschoft tegen mijn vader", [.complaint, .otherPerson]),
        ("Wat kost een eigen bijdrage voor de Wlz?", [.costs]),
        ("Hoe lang is de wachtlijst voor een verpleeghuis?", [.waiting]),
        ("Hoe vraag ik een pgb aan voor mijn dochter van 12?", [.applying, .otherPerson, .child]),
        ("Vorig jaar kreeg mijn oma van 91 nog hulp", [.past, .olderPerson]),
        ("Stel dat ik ziek word, wie zorgt dan voor mijn man?", [.hypothetical, .writer, .otherPerson]),
    ])
    func everyday(text: String, expected: [CueKind]) {
        #expect(Self.kinds(text).isSuperset(of: expected))
    }

    @Test("negation reaches the rest of its clause only: 'geen schulden, wel een huurachterstand'")
    func negation() {
        let words = Self.analyzer.analyze("Ik heb geen schulden, wel een huurachterstand")
        let reading = Self.analyzer.context(of: words)
        let position = { (surface: String) in words.first { $0.surface == surface }!.position }
        #expect(reading.isNegated(position("schulden")) && !reading.isNegated(position("huurachterstand")))
    }
}
