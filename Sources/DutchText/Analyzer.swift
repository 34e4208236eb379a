/// One term produced by analysis: what it matches on, where it came from, and how much it counts.
public struct AnalyzedTerm: Equatable, Sendable {
    /// Why the term is there; shown by `routewijzer analyze` so authors can see why something matches.
    public enum Origin: String, Sendable {
        /// A word of the text.
        case word
        /// The joined form of a hyphenated word.
        case joined
        /// A part of a compound word, split against the index vocabulary.
        case compoundPart = "compound"
        /// Added by the synonym table.
        case synonym
        /// A known word the text probably meant (typo tolerance).
        case correction
    }

    /// The stem the index matches on.
    public var stem: String
    /// The folded word the term came from.
    public var surface: String
    public var position: Int
    public var origin: Origin
    /// A stop word: reported, but not used for ranking.
    public var isStopWord: Bool
    /// niet, geen, zonder, …: kept visible for callers that must not miss a "no".
    public var isNegation: Bool
    /// The share of a full match this term earns: 1 for a word, less for derived terms.
    public var weight: Double
}

/// Dutch text analysis for indexing and querying: fold, tokenize, mark stop words, stem (with the
/// content's overrides), and for queries also decompound, correct typos and add synonyms.
public struct Analyzer: Sendable {
    public let tables: TermTables
    /// Synonym rules as stem sequences, ready to match against a query's stems.
    private let synonymRules: [(variant: [String], canonical: [(stem: String, surface: String)])]
    /// Rule numbers by the first stem of their variant, so a question only tries rules that can match.
    private let rulesByFirstStem: [String: [Int]]

    /// Weights of derived terms relative to a word typed by the person. Parts of a compound the index
    /// already knows only break ties: the exact word is the strong evidence. Parts of an unknown compound
    /// carry most of the meaning, so they weigh nearly as much as typed words.
    public enum Weight {
        public static let synonym = 0.8
        public static let compoundPartOfKnownWord = 0.1
        public static let compoundPartOfUnknownWord = 0.7
        public static let correctionAtDistance1 = 0.6
        public static let correctionAtDistance2 = 0.4
    }

    public init(tables: TermTables = .empty) {
        self.tables = tables
        var rules: [(variant: [String], canonical: [(stem: String, surface: String)])] = []
        let plain = Analyzer(plainWith: tables)
        for synonym in tables.synonyms {
            let canonical = plain.contentTerms(of: synonym.canonical).map { ($0.stem, $0.surface) }
            for variant in synonym.variants {
                // All words, stop words included: "niet meer leven" must not shrink to "leven".
                let stems = plain.analyze(variant).filter { $0.origin == .word }.map(\.stem)
                if !stems.isEmpty, !canonical.isEmpty { rules.append((stems, canonical)) }
            }
        }
        self.synonymRules = rules
        self.rulesByFirstStem = Dictionary(grouping: rules.indices, by: { rules[$0].variant[0] })
    }

    /// An analyzer without synonym rules, used to prepare the rules themselves.
    private init(plainWith tables: TermTables) {
        self.tables = tables
        self.synonymRules = []
        self.rulesByFirstStem = [:]
    }

    /// The stem of one folded word. A word listed in `stems.tsv` counts as the word it is mapped to
    /// (and gets that word's stem); a word mapped to itself keeps its own form unstemmed.
    public func stem(_ folded: String) -> String {
        if let target = tables.stemOverrides[folded] { return target == folded ? target : DutchStemmer.stem(target) }
        if folded.first?.isNumber == true { return folded }
        return DutchStemmer.stem(folded)
    }

    /// The terms of indexed text: every word, stop words marked.
    public func analyze(_ text: String) -> [AnalyzedTerm] {
        Tokenizer.tokenize(text).map { token in
            AnalyzedTerm(
                stem: stem(token.text), surface: token.text, position: token.position,
                origin: token.isJoined ? .joined : .word,
                isStopWord: Self.isIgnoredForRanking(token.text), isNegation: StopWords.isNegation(token.text),
                weight: 1)
        }
    }

    /// Stop words, and single letters such as the "s" of "'s avonds": they say nothing about a topic.
    public static func isIgnoredForRanking(_ folded: String) -> Bool {
        StopWords.contains(folded) || (folded.unicodeScalars.count == 1 && !(folded.first?.isNumber ?? false))
    }

    /// The terms of a question: the words, plus compound parts, typo corrections against
    /// `vocabulary`, and synonyms.
    public func analyzeQuery(_ text: String, vocabulary: Vocabulary? = nil) -> [AnalyzedTerm] {
        var terms: [AnalyzedTerm] = []
        for term in analyze(text) {
            terms.append(term)
            if let vocabulary, !term.isStopWord, term.origin == .word {
                terms += derivedTerms(for: term, in: vocabulary)
            }
        }
        return terms + synonymTerms(for: terms)
    }

    /// The non-stop-word terms of `text`.
    func contentTerms(of text: String) -> [AnalyzedTerm] {
        analyze(text).filter { !$0.isStopWord }
    }

    private func derivedTerms(for term: AnalyzedTerm, in vocabulary: Vocabulary) -> [AnalyzedTerm] {
        let known = vocabulary.contains(term.surface) || vocabulary.containsStem(term.stem)
        if let parts = vocabulary.decompound(term.surface) {
            let weight = known ? Weight.compoundPartOfKnownWord : Weight.compoundPartOfUnknownWord
            return parts.map { derived(from: term, surface: $0, origin: .compoundPart, weight: weight) }
        }
        guard !known, !term.surface.first!.isNumber else { return [] }
        return vocabulary.corrections(of: term.surface).map { correction in
            let weight = correction.distance == 1 ? Weight.correctionAtDistance1 : Weight.correctionAtDistance2
            return derived(from: term, surface: correction.word, origin: .correction, weight: weight)
        }
    }

    private func derived(from term: AnalyzedTerm, surface: String, origin: AnalyzedTerm.Origin,
                         weight: Double) -> AnalyzedTerm {
        AnalyzedTerm(stem: stem(surface), surface: surface, position: term.position, origin: origin,
                     isStopWord: false, isNegation: false, weight: weight)
    }

    /// Canonical terms for every synonym variant that occurs, as a run of word stems, in the question.
    private func synonymTerms(for terms: [AnalyzedTerm]) -> [AnalyzedTerm] {
        let words = terms.filter { $0.origin == .word }
        let stems = words.map(\.stem)
        var matches: [(rule: Int, start: Int)] = []
        for (start, stem) in stems.enumerated() {
            for rule in rulesByFirstStem[stem] ?? [] where matches.allSatisfy({ $0.rule != rule }) {
                let variant = synonymRules[rule].variant
                if start + variant.count <= stems.count, stems[start..<(start + variant.count)].elementsEqual(variant) {
                    matches.append((rule, start))
                }
            }
        }
        var present = Set(terms.map(\.stem))
        var added: [AnalyzedTerm] = []
        for (rule, start) in matches.sorted(by: { $0.rule < $1.rule }) {
            for canonical in synonymRules[rule].canonical where present.insert(canonical.stem).inserted {
                added.append(AnalyzedTerm(
                    stem: canonical.stem, surface: canonical.surface, position: words[start].position,
                    origin: .synonym, isStopWord: false, isNegation: false, weight: Weight.synonym))
            }
        }
        return added
    }
}
