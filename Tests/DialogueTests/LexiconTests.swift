import Testing
@testable import Dialogue

/// The lexicon only looks at the content words a typed word could resemble; these tests hold it to
/// the definition: exactly the hits that comparing the word with every content word would give.
@Suite("Lexicon")
struct LexiconTests {
    static let inputs = [
        "ik zorg voor mijn moeder", "mantelzrog", "huisartsenpost", "mijn vader is gevallen en bloed",
        "zelfmoordgedachten", "jeugdhulpverlening", "ik ben geslaagd", "ik ben geslagen", "thuiszorgorganisatie",
        "schuldhulp", "rekeningen", "Eenzaamheid!", "WMO-loket", "bezwaarschrift", "ja", "nee hoor", "a", "",
    ]

    @Test("hits are exactly the content words each typed word resembles", arguments: inputs)
    func hitsMatchBruteForce(_ text: String) {
        let content = BundledContent.content
        let input = content.analyse(text)
        var expected: [Lexicon.Hit] = []
        for (position, word) in input.words.enumerated() {
            for (id, known) in content.lexicon.words.enumerated() {
                guard let resemblance = word.resemblance(to: known) else { continue }
                expected.append(.init(id: Lexicon.ID(id), position: position, score: resemblance.score, edits: resemblance.edits))
            }
        }
        let order: (Lexicon.Hit, Lexicon.Hit) -> Bool = { ($0.position, $0.id) < ($1.position, $1.id) }
        #expect(input.hits.sorted(by: order) == expected.sorted(by: order))
    }

    @Test("a word is numbered once, however often the content uses it")
    func wordsAreNumberedOnce() {
        let words = BundledContent.content.lexicon.words.map(\.surface)
        #expect(Set(words).count == words.count)
        #expect(words.count > 100)
    }

    @Test("typos in phrases are one edit at most; answers to a choice may have two")
    func typoLimits() {
        var lexicon = Lexicon()
        let analyzer = BundledContent.content.analyzer
        let pattern = PhraseMatcher.Pattern("\"huisartsenpost\"", analyzer: analyzer, lexicon: &lexicon)
        let oneEdit = AnalysedInput("huisartsenpots", analyzer: analyzer, lexicon: lexicon)
        let twoEdits = AnalysedInput("huisratsenpots", analyzer: analyzer, lexicon: lexicon)
        #expect(PhraseMatcher.match(pattern, in: oneEdit) == 0.8)
        #expect(PhraseMatcher.match(pattern, in: twoEdits) == nil)
        #expect(twoEdits.bestScore(of: pattern.words[0], contentOnly: true) == 0.8)
    }
}
