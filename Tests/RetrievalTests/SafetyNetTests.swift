import Testing
import DutchText
@testable import Retrieval

/// The safety layer on its own: signals, context, classifier and the three outcomes.
@Suite("Safety layer")
struct SafetyLayerTests {
    static let categories = [
        SafetyCategory(id: "medisch-spoed", name: "Medisch noodgeval", documents: ["a"], line: 1),
        SafetyCategory(id: "zelfdoding", name: "Gedachten aan zelfdoding", documents: ["b"], line: 2),
        SafetyCategory(id: "partnergeweld", name: "Geweld", documents: ["c"], line: 3),
    ]
    static let signals = try! SafetySignal.parseList("""
        # test
        medisch-spoed\tbewusteloos, hebben beroerte
        zelfdoding\tzelfmoord*, willen niet meer leven, zelfmoordgedacht*
        partnergeweld\tslaan me, keel knijpen
        """, file: "signalen.tsv")
    static let analyzer = Analyzer(tables: TermTables(
        lexicon: try! DutchLexicon("geslagen\tslaan\nheeft\thebben\nknijpt\tknijpen\nslaan\nslaat\tslaan\nwil\twillen\n"),
        cues: try! TermTables.parseCues("""
            grens\t-\tmaar
            ontkenning\tvooruit\tgeen, niet
            verleden\tzin\tvorig jaar, vroeger
            hypothetisch\tzinsbegin\tals
            """)))
    static let signalsOnly = SafetyNet(categories: categories, signals: signals, classifier: nil, analyzer: analyzer)

    static func assess(_ text: String, with net: SafetyNet = signalsOnly) -> SafetyAssessment {
        let words = analyzer.analyze(text)
        return net.assess(words, context: analyzer.context(of: words))
    }

    @Test("a signal's words may come in any order and form within one clause", arguments: [
        ("hij knijpt mijn keel dicht", "partnergeweld"),
        ("gisteravond heeft hij me geslagen", "partnergeweld"),
        ("ik heb zelfmoordgedachten", "zelfdoding"),
        ("ik wil echt niet meer leven", "zelfdoding"),
        ("mijn vader is bewusteloos", "medisch-spoed"),
    ])
    func alarms(text: String, category: String) {
        let assessment = Self.assess(text)
        #expect(assessment.outcome == .alarm && assessment.categories == [category])
    }

    @Test("no match on another word that shares letters, across clauses, or on a short near-miss", arguments: [
        "de gemeente heeft mijn aanvraag afgeslagen",
        "ik slaap slecht",
        "mijn keel doet pijn, ik knijp in de stressbal",
        "ik wil niet meer wachten op de wachtlijst",
    ])
    func quiet(text: String) {
        #expect(Self.assess(text).outcome == .none)
    }

    @Test("a long word one typo away still matches: 'bewustelos'")
    func typo() {
        #expect(Self.assess("mijn vader is bewustelos").categories == ["medisch-spoed"])
    }

    @Test("denied, it is nothing; past or supposed, it is a check; a medical emergency that is over is nothing")
    func context() {
        #expect(Self.assess("ik heb geen zelfmoordgedachten hoor").outcome == .none)
        #expect(Self.assess("vorig jaar heeft hij me geslagen").outcome == .check)
        #expect(Self.assess("als hij me slaat, wat dan").outcome == .check)
        #expect(Self.assess("vorig jaar had mijn vader een beroerte").outcome == .none)
        #expect(Self.assess("mijn vader heeft een beroerte").outcome == .alarm)
    }

    @Test("the evidence names the signal and the marks that reached it")
    func evidence() {
        let evidence = Self.assess("vorig jaar heeft hij me geslagen").evidence
        #expect(evidence == [.init(category: "partnergeweld", source: .signal("slaan me"), marks: [.past], outcome: .check)])
    }

    @Test("the classifier fires on the chance of any crisis: alarm when sure, check when fairly sure, check in the past")
    func classifier() {
        func examples(_ label: String, _ lines: [String]) -> [IntentExample] {
            lines.enumerated().map { IntentExample(route: label, text: $1, file: label, line: $0 + 1) }
        }
        let corpus = examples("zelfdoding", ["het hoeft allemaal niet meer voor mij", "ik ben er klaar mee met alles, ik stop ermee",
                                             "ik zie geen uitweg meer", "niemand merkt het als ik verdwijn", "ik wil weg van deze wereld"])
            + examples(SafetyCategory.none, ["hoe vraag ik huishoudelijke hulp aan", "wie betaalt mijn rolstoel",
                                             "wanneer komt de wijkverpleging", "ik zoek een cursus voor mantelzorgers", "hoe maak ik bezwaar"])
        let classifier = RouteClassifier(examples: corpus, analyzer: Self.analyzer)
        var settings = SafetyNet.Settings()
        settings.checkProbability = 0.3
        settings.alarmProbability = 0.5
        let net = SafetyNet(categories: Self.categories, signals: [], classifier: classifier, analyzer: Self.analyzer, settings: settings)
        let now = Self.assess("ik zie echt geen uitweg meer, het hoeft niet meer", with: net)
        #expect(now.outcome == .alarm && now.categories == ["zelfdoding"])
        #expect(Self.assess("vroeger zag ik geen uitweg meer", with: net).outcome == .check)
        #expect(Self.assess("wie betaalt mijn rolstoel", with: net).outcome == .none)
    }

    @Test("categories and signals are parsed with their lines; malformed lines are errors")
    func parsing() throws {
        let categories = try SafetyCategory.parseList("# c\nzelfdoding\tGedachten aan zelfdoding\tzelfmoordpreventie-113, noodnummer-112\n", file: "c.tsv")
        #expect(categories == [SafetyCategory(id: "zelfdoding", name: "Gedachten aan zelfdoding",
                                              documents: ["zelfmoordpreventie-113", "noodnummer-112"], line: 2)])
        #expect(throws: KnowledgeError.self) { try SafetyCategory.parseList("zelfdoding\tnaam\n", file: "c.tsv") }
        #expect(throws: KnowledgeError.self) { try SafetyCategory.parseList("geen\tnaam\tdoc\n", file: "c.tsv") }
        #expect(Self.signals.map(\.words) == [["bewusteloos"], ["hebben", "beroerte"], ["zelfmoord*"], ["willen", "niet", "meer", "leven"],
                                               ["zelfmoordgedacht*"], ["slaan", "me"], ["keel", "knijpen"]])
        #expect(throws: KnowledgeError.self) { try SafetySignal.parseList("zelfdoding zelfmoord\n", file: "s.tsv") }
    }

    @Test("validate wants known categories, existing documents and enough messages per category")
    func validation() {
        var base = KnowledgeBase.parse(Fixtures.files).base
        base.safetyCategories = [SafetyCategory(id: "zelfdoding", name: "Zelfdoding", documents: ["bestaat-niet"], line: 1)]
        base.safetySignals = [SafetySignal(category: "onbekend", words: ["dood"], line: 3)]
        base.safetyExamples = [IntentExample(route: "zelfdoding", text: "ik wil dood", file: "veiligheid/zelfdoding.txt", line: 2)]
        let messages = KnowledgeValidator.safetyProblems(base).map(\.message)
        #expect(messages.contains { $0.contains("bestaat-niet") })
        #expect(messages.contains { $0.contains("unknown category 'onbekend'") })
        #expect(messages.contains { $0.contains("has 1 messages") })
        #expect(messages.contains { $0.contains("ordinary messages") })
    }
}
