import Foundation
import Testing
@testable import DutchText

@Suite("Dutch lexicon")
struct DutchLexiconTests {
    let lexicon = try! DutchLexicon("""
        gezin
        gezinnen\tgezin
        mishandeld\tmishandelen
        mishandelen
        mishandeling
        schelden
        schulden
        slaan
        slaat\tslaan
        sloeg\tslaan
        """, checked: true)

    @Test("knows words, and the lemma of a form of another word")
    func lookUp() {
        #expect(lexicon.contains("schelden") && lexicon.contains("gezin") && !lexicon.contains("schelde"))
        #expect(lexicon.lemma(of: "sloeg") == "slaan" && lexicon.lemma(of: "gezinnen") == "gezin")
        #expect(lexicon.lemma(of: "slaan") == nil && lexicon.lemma(of: "onbekend") == nil && lexicon.lemma(of: "") == nil)
        #expect(!lexicon.contains("a") && !lexicon.contains("zzzz") && !DutchLexicon.empty.contains("gezin"))
    }

    @Test("an unsorted, repeated or malformed line is reported with its line", arguments: [
        ("slaan\nsla\n", 2), ("gezin\ngezin\n", 2), ("Gezin\n", 1), ("gezin\tgezin\textra\n", 1),
    ])
    func checked(text: String, line: Int) {
        #expect(throws: DutchLexicon.ParseError.self) { try DutchLexicon(text, checked: true) }
        do { _ = try DutchLexicon(text, checked: true) } catch { #expect(error.line == line) }
    }

    @Test("the analyzer takes the stem of the lemma, so forms of one word meet")
    func lemmasBeforeStems() {
        let analyzer = Analyzer(tables: TermTables(lexicon: lexicon))
        let stems = analyzer.analyze("mishandeld mishandeling sloeg slaat gezinnen").map(\.stem)
        #expect(stems[0] == stems[1] && stems[2] == stems[3] && stems[3] == DutchStemmer.stem("slaan"))
        #expect(stems[4] == DutchStemmer.stem("gezin"))
        #expect(analyzer.analyze("sloeg").first?.lemma == "slaan")
    }

    @Test("a real word is never corrected into another; an unknown word still is")
    func typoGate() {
        let analyzer = Analyzer(tables: TermTables(lexicon: lexicon))
        let vocabulary = Vocabulary(words: ["schulden", "mishandeling"])
        #expect(analyzer.analyzeQuery("schelden", vocabulary: vocabulary).allSatisfy { $0.origin != .correction })
        #expect(analyzer.analyzeQuery("schuldne", vocabulary: vocabulary).contains { $0.origin == .correction && $0.surface == "schulden" })
    }

    @Test("a word of five letters or fewer is corrected only when one known word is that close")
    func shortWords() {
        let vocabulary = Vocabulary(words: ["snel", "stal", "moeder"])
        let analyzer = Analyzer()
        #expect(analyzer.analyzeQuery("stel", vocabulary: vocabulary).allSatisfy { $0.origin != .correction })
        #expect(analyzer.analyzeQuery("moedr", vocabulary: vocabulary).contains { $0.origin == .correction && $0.surface == "moeder" })
    }

    /// The bundled table must keep the order the binary search depends on (skipped without it).
    @Test("the bundled lexicon is sorted and well formed")
    func bundled() throws {
        let url = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "Knowledge/lexicon/lexicon.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        let bundled = try DutchLexicon(text, checked: true)
        #expect(bundled.lemma(of: "geslagen") == "slaan" && bundled.lemma(of: "gezinnen") == "gezin")
        #expect(bundled.lemma(of: "school") == nil && bundled.contains("schelden"))
    }
}
