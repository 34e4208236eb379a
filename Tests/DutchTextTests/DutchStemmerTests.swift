import Foundation
import Testing
@testable import DutchText

@Suite("Snowball Dutch stemmer (Porter)")
struct DutchStemmerTests {
    static let data = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "shared/data/snowball-dutch")
    static let vocabularyPresent = FileManager.default.fileExists(atPath: data.appending(path: "voc.txt").path)

    @Test("reproduces the official Snowball output for every word of the test vocabulary",
          .enabled(if: vocabularyPresent, "../shared/data/snowball-dutch is absent: the official vocabulary cannot be checked"))
    func officialVocabulary() throws {
        let words = try String(contentsOf: Self.data.appending(path: "voc.txt"), encoding: .utf8).split(separator: "\n")
        let stems = try String(contentsOf: Self.data.appending(path: "output.txt"), encoding: .utf8).split(separator: "\n")
        #expect(words.count == stems.count)
        let mismatches = zip(words, stems).filter { DutchStemmer.stem(String($0)) != $1 }
        let examples = mismatches.prefix(20).map { "\($0) → expected \($1), got \(DutchStemmer.stem(String($0)))" }
        #expect(mismatches.isEmpty, "\(mismatches.count) of \(words.count) differ:\n\(examples.joined(separator: "\n"))")
    }

    @Test("hand-picked words from the official vocabulary", arguments: [
        ("huisartsen", "huisarts"), ("gemeenten", "gemeent"), ("kinderen", "kinder"), ("bakken", "bak"),
        ("lichamelijke", "licham"), ("maatschappelijke", "maatschapp"), ("ondersteuning", "ondersteun"),
        ("uitkeringen", "uitker"), ("mogelijkheden", "mogelijk"), ("gezondheid", "gezond"), ("overheid", "over"),
        ("vrijheid", "vrijheid"), ("bereikbaar", "bereik"), ("gelukkig", "gelukk"), ("lopende", "lopend"),
        ("zieke", "ziek"), ("bijzondere", "bijzonder"), ("aanvragen", "aanvrag"), ("loopbaan", "loopban"),
        ("ziekenhuizen", "ziekenhuiz"), ("zeeën", "zeeen"), ("koeien", "koei"), ("heden", "heden"), ("mooiste", "mooist"),
    ])
    func stems(word: String, stem: String) {
        #expect(DutchStemmer.stem(word) == stem)
    }

    @Test("odd input never crashes and short words stay as they are", arguments: ["", "a", "0800-2000", "'s", "één", "ÿ", "yy", "iii", "eeee"])
    func oddInput(word: String) {
        let stem = DutchStemmer.stem(word)
        #expect(stem.unicodeScalars.count <= word.unicodeScalars.count)
    }
}
