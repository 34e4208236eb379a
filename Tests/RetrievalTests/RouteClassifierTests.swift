import Testing
import DutchText
@testable import Retrieval

@Suite("Route classifier and fusion")
struct RouteClassifierTests {
    static func examples(_ route: String, _ lines: [String]) -> SourceFile {
        SourceFile(path: "voorbeelden/\(route).txt", text: "# voorbeelden\n" + lines.joined(separator: "\n"))
    }

    static var base: KnowledgeBase {
        KnowledgeBase.parse(Fixtures.files + [
            examples("wmo-gemeente", ["mijn huis wordt niet meer schoon", "ik kan niet meer stofzuigen", "wie helpt met poetsen",
                                      "de vloer dweilen lukt niet meer", "ramen lappen gaat niet meer"]),
            examples("mantelzorg", ["ik zorg voor mijn man en ben op", "even rust van de zorg voor mijn moeder",
                                    "ik ben uitgeput van het zorgen", "wie neemt de zorg een weekend over", "ik trek het niet meer als mantelzorger"]),
            examples("huisartsenpost", ["koorts midden in de nacht", "zondag ziek en de dokter is dicht",
                                        "s avonds hoge koorts bij mijn kind", "in het weekend een arts nodig", "nacht benauwd wat nu"]),
        ]).base
    }

    @Test("example files are read per route; comments, blank lines and repeats are handled")
    func parse() throws {
        let examples = try IntentExample.parse("# kop\n\nvraag een\n  vraag twee  \n", path: "voorbeelden/mantelzorg.txt")
        #expect(examples.map(\.text) == ["vraag een", "vraag twee"] && examples.allSatisfy { $0.route == "mantelzorg" })
        #expect(examples.map(\.line) == [3, 4])
        #expect(throws: KnowledgeError.self) { try IntentExample.parse("vraag\nVraag\n", path: "voorbeelden/mantelzorg.txt") }
    }

    @Test("a comment line between examples starts a new block, so examples written later can be held apart")
    func blocks() throws {
        let examples = try IntentExample.parse("# kop\n# uitleg\neen\ntwee\n\n# aanvulling\ndrie\n", path: "voorbeelden/pgb.txt")
        #expect(examples.map(\.block) == [0, 0, 1])
    }

    @Test("an example file in a subfolder is an error: it would train its route a second time")
    func subfolder() {
        #expect(throws: KnowledgeError.self) { try IntentExample.parse("vraag\n", path: "voorbeelden/oud/pgb.txt") }
    }

    @Test("training is deterministic: two models give the same probabilities")
    func deterministic() {
        let base = Self.base
        let analyzer = Analyzer(tables: base.tables)
        let first = RouteClassifier(examples: base.examples, analyzer: analyzer)
        let second = RouteClassifier(examples: base.examples, analyzer: analyzer)
        let words = analyzer.analyze("ik ben op van het zorgen")
        let context = analyzer.context(of: words)
        #expect(first.probabilities(words, context: context) == second.probabilities(words, context: context))
        #expect(first.routes == ["huisartsenpost", "mantelzorg", "wmo-gemeente"])
    }

    @Test("a situation without the documents' words reaches its route through the examples")
    func learnsFromExamples() {
        let index = BM25Index(knowledge: Self.base)
        let results = index.search("ik ben helemaal uitgeput van de zorg voor mijn vader")
        #expect(results.first?.passage.route == "mantelzorg")
        #expect(results.first.map { $0.intent > 0.5 && $0.routeScore > 0 } == true)
    }

    @Test("results list each route once before a second passage of any route")
    func groupedPerRoute() {
        let results = BM25Index(knowledge: Self.base).search("koorts in het weekend en schoonmaken", limit: 10)
        let routes = results.map(\.passage.route)
        let firstRepeat = routes.indices.first { routes[..<$0].contains(routes[$0]) } ?? routes.count
        #expect(Set(routes[..<firstRepeat]).count == Set(routes).count)
    }

    /// Two routes told apart only by small words, which the content-word features never see.
    static let phraseExamples = ["ik wil er niet meer zijn", "wil er niet meer zijn", "ik wil er nu niet meer zijn"]
        .map { IntentExample(route: "weg", text: $0, file: "weg", line: 1) }
        + ["ik wil er niet bij zijn", "wil er niet bij zijn", "ik wil er nu niet bij zijn"]
        .map { IntentExample(route: "erbij", text: $0, file: "erbij", line: 1) }

    @Test("with phrases, a model learns from stop words in a row: 'er niet meer zijn' against 'er niet bij zijn'")
    func phrases() {
        let analyzer = Analyzer(tables: Self.base.tables)
        var settings = RouteClassifier.Settings()
        settings.phrases = true
        for (phrases, learns) in [(false, false), (true, true)] {
            settings.phrases = phrases
            let model = RouteClassifier(examples: Self.phraseExamples, analyzer: analyzer, settings: settings)
            let words = analyzer.analyze("ik wil er niet meer zijn")
            let chance = model.probability(of: "weg", in: model.probabilities(words, context: analyzer.context(of: words)))
            #expect((chance > 0.8) == learns, "phrases \(phrases): \(chance)")
        }
    }

    @Test("a question that shares no word with the content gets no routes")
    func noEvidenceNoRoutes() {
        #expect(BM25Index(knowledge: Self.base).search("xyzzy qwerty").isEmpty)
    }

    @Test("validate wants enough examples per route and a known route per file")
    func validation() {
        let problems = KnowledgeValidator.problems(in: Self.base)
        #expect(problems.filter { $0.message.contains("example questions") }.count == 3)
        var base = Self.base
        base.examples.append(IntentExample(route: "onbekend", text: "vraag", file: "voorbeelden/onbekend.txt", line: 1))
        #expect(KnowledgeValidator.problems(in: base).contains { $0.file == "voorbeelden/onbekend.txt" })
    }
}

@Suite("Route classifier archive")
struct RouteClassifierArchiveTests {
    static let base = RouteClassifierTests.base
    static let analyzer = Analyzer(tables: base.tables)
    static let trained = RouteClassifier(examples: base.examples, analyzer: analyzer)

    @Test("a model read back from its archive answers exactly as the trained one")
    func roundTrip() throws {
        let key = RouteClassifier.trainingKey(examples: Self.base.examples, tables: Self.base.tables, settings: .init(), salt: 7)
        let restored = try RouteClassifier(archive: Self.trained.archived(key: key), key: key)
        #expect(restored.routes == Self.trained.routes)
        for question in ["ik ben op van het zorgen", "koorts in de nacht", "de ramen lappen lukt niet", "iets heel anders"] {
            let words = Self.analyzer.analyze(question)
            let context = Self.analyzer.context(of: words)
            #expect(restored.probabilities(words, context: context) == Self.trained.probabilities(words, context: context))
        }
    }

    @Test("a model that reads phrases keeps reading them after its archive is read back")
    func phrasesRoundTrip() throws {
        var settings = RouteClassifier.Settings()
        settings.phrases = true
        let trained = RouteClassifier(examples: RouteClassifierTests.phraseExamples, analyzer: Self.analyzer, settings: settings)
        let restored = try RouteClassifier(archive: trained.archived(key: 3), key: 3)
        #expect(restored.phrases)
        let words = Self.analyzer.analyze("ik wil er niet meer zijn")
        let context = Self.analyzer.context(of: words)
        #expect(restored.probabilities(words, context: context) == trained.probabilities(words, context: context))
    }

    @Test("an archive with another key, damaged bytes or a cut end is refused")
    func refused() {
        let archive = Self.trained.archived(key: 1)
        #expect(throws: RouteClassifier.ArchiveError.otherKey) { try RouteClassifier(archive: archive, key: 2) }
        var damaged = archive
        damaged[damaged.count / 2] ^= 0x40
        #expect(throws: RouteClassifier.ArchiveError.damaged) { try RouteClassifier(archive: damaged, key: 1) }
        #expect(throws: RouteClassifier.ArchiveError.self) { try RouteClassifier(archive: Array(archive.dropLast(5)), key: 1) }
        #expect(throws: RouteClassifier.ArchiveError.notAnArchive) { try RouteClassifier(archive: Array("hallo".utf8), key: 1) }
        #expect(throws: RouteClassifier.ArchiveError.self) { try RouteClassifier(archive: [], key: 1) }
    }

    @Test("the training key changes with every input of training")
    func key() {
        let examples = Self.base.examples, tables = Self.base.tables
        let key = RouteClassifier.trainingKey(examples: examples, tables: tables, settings: .init(), salt: 0)
        #expect(key == RouteClassifier.trainingKey(examples: examples, tables: tables, settings: .init(), salt: 0))
        var edited = examples
        edited[0].text += "!"
        #expect(key != RouteClassifier.trainingKey(examples: edited, tables: tables, settings: .init(), salt: 0))
        var settings = RouteClassifier.Settings()
        settings.epochs += 1
        #expect(key != RouteClassifier.trainingKey(examples: examples, tables: tables, settings: settings, salt: 0))
        var phrases = RouteClassifier.Settings()
        phrases.phrases = true
        #expect(key != RouteClassifier.trainingKey(examples: examples, tables: tables, settings: phrases, salt: 0))
        var cued = tables
        cued.cues = [CueRule(kind: .negation, scope: .forward, trigger: "geen", line: 1)]
        #expect(key != RouteClassifier.trainingKey(examples: examples, tables: cued, settings: .init(), salt: 0))
        #expect(key != RouteClassifier.trainingKey(examples: examples, tables: tables, settings: .init(), salt: 1))
    }
}
