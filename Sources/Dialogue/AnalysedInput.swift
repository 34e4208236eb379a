import DutchText

/// One input, analysed once per turn: its words and what they resemble in the lexicon.
struct AnalysedInput: Sendable {
    let text: String
    /// Folded words split at every non-letter, for commands, yes/no, numbers and exact options.
    let plainWords: [String]
    /// The analyzer's terms, kept for a search of the same text.
    let terms: [AnalyzedTerm]
    /// Analysed words (stems, stop words), for phrases.
    let words: [MatchWord]
    let hits: [Lexicon.Hit]

    init(_ text: String, analyzer: Analyzer, lexicon: Lexicon) {
        self.text = text
        plainWords = Tokenizer.plainWords(text)
        terms = analyzer.analyze(text)
        words = MatchWord.words(of: terms)
        hits = lexicon.hits(in: words)
    }

    /// Whether every word is a stop word ("nee", "anders"): then those words count as content.
    var onlyStopWords: Bool { !words.contains { !$0.isStopWord } }

    /// The best score of content word `id` among the content words typed, allowing typos of up to
    /// two edits.
    func bestScore(of id: Lexicon.ID, contentOnly: Bool) -> Double {
        var best = 0.0
        for hit in hits where hit.id == id && hit.score > best && !(contentOnly && words[hit.position].isStopWord) {
            best = hit.score
        }
        return best
    }
}
