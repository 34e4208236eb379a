import Testing
@testable import DutchText

@Suite("Text normalisation")
struct TextNormalizerTests {
    @Test("diacritics fold to their base letters and case is lowered", arguments: [
        ("Cliënt", "client"), ("één", "een"), ("financiële", "financiele"), ("CAFÉ", "cafe"),
        ("Curaçao", "curacao"), ("Ærø", "aero"), ("straße", "strasse"), ("0800-2000", "0800-2000"),
    ])
    func folds(input: String, expected: String) {
        #expect(TextNormalizer.fold(input) == expected)
    }

    @Test("decomposed input (NFD) folds to the same key as composed input (NFC)")
    func decomposedInput() {
        let decomposed = "cli\u{0065}\u{0308}nt"
        #expect(TextNormalizer.fold(decomposed) == "client")
        #expect(TextNormalizer.fold(decomposed) == TextNormalizer.fold("cliënt"))
    }

    @Test("letters outside Latin are only lowercased")
    func otherScripts() {
        #expect(TextNormalizer.fold("Ωμέγα") == "ωμέγα")
    }
}

@Suite("Stop words")
struct StopWordsTests {
    @Test("Snowball stop words are recognised, content words are not", arguments: [
        ("de", true), ("het", true), ("een", true), ("geen", true), ("uw", true),
        ("mantelzorg", false), ("moeder", false), ("alleen", false),
    ])
    func stopWords(word: String, isStop: Bool) {
        #expect(StopWords.contains(word) == isStop)
    }

    @Test("negations stay visible", arguments: ["niet", "geen", "zonder"])
    func negations(word: String) {
        #expect(StopWords.isNegation(word))
    }

    @Test("ordinary words are not negations")
    func notNegations() {
        #expect(!StopWords.isNegation("wel"))
        #expect(!StopWords.isNegation("hulp"))
    }
}
