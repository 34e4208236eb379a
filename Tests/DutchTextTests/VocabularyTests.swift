import Testing
@testable import DutchText

@Suite("Vocabulary: decompounding and typo correction")
struct VocabularyTests {
    let vocabulary = Vocabulary(words: [
        "mantelzorg", "ondersteuning", "huisarts", "post", "zorg", "kantoor", "wijk", "team", "moeder",
        "mantel", "verpleging", "jeugd", "budget",
    ])

    @Test("compounds split into known parts, with linking elements", arguments: [
        ("mantelzorgondersteuning", ["mantelzorg", "ondersteuning"]),
        ("huisartsenpost", ["huisarts", "post"]),
        ("zorgkantoor", ["zorg", "kantoor"]),
        ("jeugdsteam", ["jeugd", "team"]),
        ("wijkverpleging", ["wijk", "verpleging"]),
    ])
    func decompounds(word: String, parts: [String]) {
        #expect(vocabulary.decompound(word) == parts)
    }

    @Test("words without a split into known parts stay whole", arguments: ["moeder", "ondersteuningen", "zorgxyz", "abc"])
    func noSplit(word: String) {
        #expect(vocabulary.decompound(word) == nil)
    }

    @Test("a tail that is itself a compound splits again")
    func threeParts() {
        #expect(vocabulary.decompound("jeugdmantelzorg") == ["jeugd", "mantelzorg"])
        #expect(Vocabulary(words: ["jeugd", "zorg", "kantoor"]).decompound("jeugdzorgkantoor") == ["jeugd", "zorg", "kantoor"])
    }

    @Test("typos find the known word within the allowed distance")
    func corrections() {
        #expect(vocabulary.corrections(of: "mantelzrog").map(\.word) == ["mantelzorg"])
        #expect(vocabulary.corrections(of: "moedr").first?.word == "moeder")
        #expect(vocabulary.corrections(of: "huisatrs").first?.distance == 1)
    }

    @Test("short words and a wrong first letter get no correction")
    func noCorrections() {
        #expect(vocabulary.corrections(of: "zog").isEmpty)
        #expect(vocabulary.corrections(of: "noeder").isEmpty)
        #expect(vocabulary.corrections(of: "moeder").isEmpty)
    }
}
