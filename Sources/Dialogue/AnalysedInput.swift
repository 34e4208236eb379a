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
        self.init(text, terms: analyzer.analyze(text), lexicon: lexicon)
    }

    init(_ text: String, terms: [AnalyzedTerm], lexicon: Lexicon) {
        let words = MatchWord.words(of: terms)
        self.init(text: text, plainWords: Tokenizer.plainWords(text), terms: terms, words: words, hits: lexicon.hits(in: words))
    }

    private init(text: String, plainWords: [String], terms: [AnalyzedTerm], words: [MatchWord], hits: [Lexicon.Hit]) {
        self.text = text
        self.plainWords = plainWords
        self.terms = terms
        self.words = words
        self.hits = hits
    }

    /// This input with only the lexicon hits that `keep` accepts, such as the words no negation reaches.
    func keepingHits(_ keep: (Lexicon.Hit) -> Bool) -> AnalysedInput {
        AnalysedInput(text: text, plainWords: plainWords, terms: terms, words: words, hits: hits.filter(keep))
    }

    /// The words `range` (indexes into `words`) as an input of their own, cut from this analysis:
    /// their terms (derived terms go with their word) and their lexicon hits, renumbered. The text
    /// is the words' folded forms.
    func part(_ range: Range<Int>) -> AnalysedInput {
        let positions = terms.filter { $0.origin == .word }.map(\.position)
        let span = positions[range.lowerBound]...positions[range.upperBound - 1]
        let words = Array(self.words[range])
        let text = words.map(\.surface).joined(separator: " ")
        let hits = self.hits.filter { range.contains($0.position) }.map { hit in
            var hit = hit
            hit.position -= range.lowerBound
            return hit
        }
        return AnalysedInput(text: text, plainWords: Tokenizer.plainWords(text), terms: terms.filter { span.contains($0.position) },
                             words: words, hits: hits)
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
