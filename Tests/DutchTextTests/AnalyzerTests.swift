import Testing
@testable import DutchText

@Suite("Analyzer")
struct AnalyzerTests {
    let analyzer = Analyzer(tables: TermTables(
        stemOverrides: ["gemeenten": "gemeent", "gemeente": "gemeent"],
        synonyms: [
            .init(canonical: "wijkverpleging", variants: ["thuiszorg"], line: 1),
            .init(canonical: "hulp bij het huishouden", variants: ["poetshulp", "schoonmaak hulp"], line: 2),
        ]))
    let vocabulary = Vocabulary(words: ["mantelzorg", "ondersteuning", "moeder", "wijkverpleging"])

    @Test("stop words and negations are marked, not dropped")
    func marks() {
        let terms = analyzer.analyze("geen hulp van de gemeente")
        #expect(terms.map(\.surface) == ["geen", "hulp", "van", "de", "gemeente"])
        #expect(terms.map(\.isStopWord) == [true, false, true, true, false])
        #expect(terms.map(\.isNegation) == [true, false, false, false, false])
    }

    @Test("stem overrides conflate forms the stemmer keeps apart")
    func overrides() {
        #expect(analyzer.stem("gemeenten") == analyzer.stem("gemeente"))
        #expect(analyzer.stem("0800-2000") == "0800-2000")
    }

    @Test("remembered words get the stems the analyzer would compute, overrides included")
    func remembering() {
        let text = "De gemeenten en de gemeente regelen thuiszorg, poetshulp en 2 uur begeleiding per week"
        let remembered = analyzer.remembering(["gemeenten", "gemeente", "begeleiding", "regelen", "2", "de", "zorgverzekeraars"])
        #expect(remembered.analyze(text) == analyzer.analyze(text))
        #expect(remembered.analyzeQuery(text, vocabulary: vocabulary) == analyzer.analyzeQuery(text, vocabulary: vocabulary))
        for word in ["gemeenten", "zorgverzekeraars", "begeleiding", "onbekendewoorden"] {
            #expect(remembered.stem(word) == analyzer.stem(word), "\(word)")
        }
        #expect(remembered.stem("gemeenten") == "gemeent")
    }

    @Test("synonyms add the canonical terms once")
    func synonyms() {
        let added = analyzer.analyzeQuery("hoe werkt de thuiszorg").filter { $0.origin == .synonym }
        #expect(added.map(\.surface) == ["wijkverpleging"])
        #expect(added.first?.weight == Analyzer.Weight.synonym)
        let word = analyzer.analyzeQuery("ik zoek een poetshulp").filter { $0.origin == .synonym }
        #expect(word.map(\.surface) == ["hulp", "huishouden"])
        let phrase = analyzer.analyzeQuery("wie betaalt schoonmaak hulp").filter { $0.origin == .synonym }
        #expect(phrase.map(\.surface) == ["huishouden"], "'hulp' is in the question already")
    }

    @Test("unknown compounds add their parts; known words add parts at a low weight")
    func compounds() {
        let parts = analyzer.analyzeQuery("mantelzorgondersteuning", vocabulary: vocabulary).filter { $0.origin == .compoundPart }
        #expect(parts.map(\.surface) == ["mantelzorg", "ondersteuning"])
        #expect(parts.allSatisfy { $0.weight == Analyzer.Weight.compoundPartOfUnknownWord })
    }

    @Test("typos add the known word they probably meant")
    func corrections() {
        let corrections = analyzer.analyzeQuery("mijn moedr", vocabulary: vocabulary).filter { $0.origin == .correction }
        #expect(corrections.map(\.surface) == ["moeder"])
        #expect(corrections.first?.weight == Analyzer.Weight.correctionAtDistance1)
    }

    @Test("words longer than the derivation limit get no compound parts or corrections")
    func longWordsAreNotDerived() {
        let long = String(repeating: "mantelzorg", count: 5)
        #expect(analyzer.analyzeQuery(long + "ondersteuning", vocabulary: vocabulary).allSatisfy { $0.origin == .word })
        #expect(!analyzer.analyzeQuery("mantelzorgondersteuning", vocabulary: vocabulary).allSatisfy { $0.origin == .word })
    }

    @Test("known words get no corrections and stop words no derived terms")
    func noDerivation() {
        let terms = analyzer.analyzeQuery("de moeder", vocabulary: vocabulary)
        #expect(terms.allSatisfy { $0.origin == .word })
    }
}

@Suite("Synonym phrases")
struct SynonymPhraseTests {
    let analyzer = Analyzer(tables: TermTables(synonyms: [.init(canonical: "zelfdoding", variants: ["niet meer leven"], line: 1)]))

    @Test("a phrase with stop words matches only as the whole phrase")
    func wholePhrase() {
        #expect(analyzer.analyzeQuery("ik wil niet meer leven").contains { $0.origin == .synonym && $0.surface == "zelfdoding" })
        #expect(!analyzer.analyzeQuery("het leven thuis is zwaar").contains { $0.origin == .synonym })
        #expect(!analyzer.analyzeQuery("niet meer thuis leven").contains { $0.origin == .synonym })
    }
}
