import Testing
@testable import DutchText

@Suite("Tokenizer")
struct TokenizerTests {
    private func words(_ text: String) -> [String] { Tokenizer.tokenize(text).map(\.text) }

    @Test("a hyphenated word counts as its parts and as one joined word")
    func hyphenated() {
        let tokens = Tokenizer.tokenize("Het Wmo-loket")
        #expect(tokens.map(\.text) == ["het", "wmo", "loket", "wmoloket"])
        #expect(tokens.last == Token(text: "wmoloket", position: 1, isJoined: true))
    }

    @Test("apostrophes disappear inside words")
    func apostrophes() {
        #expect(words("'s avonds en in het weekend") == ["s", "avonds", "en", "in", "het", "weekend"])
        #expect(words("twee auto’s") == ["twee", "autos"])
    }

    @Test("phone numbers stay one token", arguments: ["0800-2000", "0800-0113", "088-1234567"])
    func phoneNumbers(number: String) {
        #expect(words("bel \(number) nu") == ["bel", number, "nu"])
    }

    @Test("numbers and abbreviations are kept")
    func numbersAndAbbreviations() {
        #expect(words("24 uurs zorg via de Wlz, PGB!") == ["24", "uurs", "zorg", "via", "de", "wlz", "pgb"])
        #expect(words("24-uurs") == ["24", "uurs", "24uurs"])
    }

    @Test("positions count words; punctuation and empty input give no tokens")
    func positions() {
        #expect(Tokenizer.tokenize("hulp, nu?").map(\.position) == [0, 1])
        #expect(Tokenizer.tokenize("").isEmpty)
        #expect(Tokenizer.tokenize(" -- ' ?! ").isEmpty)
    }

    @Test("a word is cut at the maximum length and the next word still counts")
    func longWordsAreCut() {
        let long = String(repeating: "zorg", count: 4_000)
        let tokens = Tokenizer.tokenize(long + " hulp")
        #expect(tokens.map(\.text) == [String(long.prefix(Tokenizer.maximumWordLength)), "hulp"])
        #expect(Tokenizer.tokenize(String(repeating: "a-", count: 10_000)).allSatisfy { $0.text.count <= Tokenizer.maximumWordLength })
        #expect(Tokenizer.plainWords(long + " ja") == [String(long.prefix(Tokenizer.maximumWordLength)), "ja"])
    }

    @Test("phone numbers are recognised only as digit groups")
    func phoneNumberShape() {
        #expect(Tokenizer.isPhoneNumber("0800-8115"))
        #expect(!Tokenizer.isPhoneNumber("0800"))
        #expect(!Tokenizer.isPhoneNumber("wmo-2015"))
    }
}

@Suite("Tokenizer clause marks")
struct TokenizerClauseMarkTests {
    @Test("a word after clause punctuation says so; hyphens and apostrophes are not clause marks")
    func punctuation() {
        let tokens = Tokenizer.tokenize("Nee, Wmo-loket! 's avonds\nook")
        #expect(tokens.map(\.followsPunctuation) == [false, true, false, false, true, false, true])
        #expect(tokens.map(\.text) == ["nee", "wmo", "loket", "wmoloket", "s", "avonds", "ook"])
    }
}
