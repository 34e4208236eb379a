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
    /// The dictionary form the stem was taken from ("sloeg" → slaan); the surface when the lexicon
    /// has no other lemma for it.
    public var lemma: String
    /// A word of the lexicon (or a stop word or override): never read as a typo of another word.
    public var isDutchWord: Bool = false
    /// Clause punctuation stands before this word (see `Token.followsPunctuation`).
    public var followsPunctuation: Bool = false
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
///
/// A class: it is immutable, and every index, searcher and dialogue turn shares one, so passing it
/// around costs one reference count instead of one per table.
public final class Analyzer: Sendable {
    public let tables: TermTables
    /// Synonym rules as stem sequences, ready to match against a query's stems.
    private let synonymRules: [(variant: [String], canonical: [(stem: String, surface: String)])]
    /// Rule numbers by the first stem of their variant, so a question only tries rules that can match.
    private let rulesByFirstStem: [String: [Int]]
    /// Words whose facts are looked up, not worked out: the overrides, the stop words, and any
    /// remembered words.
    private let known: [String: WordFacts]
    /// The triggers of `cues.tsv`, prepared for matching.
    private let cues: CueMatcher

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

    public convenience init(tables: TermTables = .empty) {
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
        self.init(tables: tables, synonymRules: rules, known: Self.preparedWords(tables),
                  cues: CueMatcher(rules: tables.cues, analyzer: plain))
    }

    /// An analyzer without synonym rules or cues, used to prepare them.
    private convenience init(plainWith tables: TermTables) {
        self.init(tables: tables, synonymRules: [], known: Self.preparedWords(tables), cues: .empty)
    }

    private init(tables: TermTables, synonymRules: [(variant: [String], canonical: [(stem: String, surface: String)])],
                 known: [String: WordFacts], cues: CueMatcher) {
        self.tables = tables
        self.synonymRules = synonymRules
        self.rulesByFirstStem = Dictionary(grouping: synonymRules.indices, by: { synonymRules[$0].variant[0] })
        self.known = known
        self.cues = cues
    }

    /// The clauses and context cues (negation, time, person, aspect) of analysed words.
    public func context(of words: [AnalyzedTerm]) -> ContextReading {
        cues.read(words)
    }

    /// What analysis needs to know of one folded word.
    struct WordFacts: Sendable {
        var stem: String
        var lemma: String
        var isDutchWord = true
        var isIgnoredForRanking: Bool
        var isNegation: Bool
    }

    /// The same analysis, with `words` looked up instead of worked out: an index passes its
    /// vocabulary, because what people type is mostly words it already knows.
    public func remembering(_ words: some Sequence<String>) -> Analyzer {
        var known = known
        for word in words where known[word] == nil { known[word] = facts(of: word) }
        return Analyzer(tables: tables, synonymRules: synonymRules, known: known, cues: cues)
    }

    /// The words of `stems.tsv` and the stop words, worked out once. A word listed in `stems.tsv`
    /// counts as the word it is mapped to (and gets that word's stem); a word mapped to itself keeps
    /// its own form unstemmed.
    private static func preparedWords(_ tables: TermTables) -> [String: WordFacts] {
        var known: [String: WordFacts] = [:]
        for (word, target) in tables.stemOverrides {
            known[word] = WordFacts(stem: target == word ? target : DutchStemmer.stem(target), lemma: target,
                                    isIgnoredForRanking: isIgnoredForRanking(word), isNegation: StopWords.isNegation(word))
        }
        for word in StopWords.words where known[word] == nil {
            known[word] = WordFacts(stem: DutchStemmer.stem(word), lemma: tables.lexicon.lemma(of: word) ?? word,
                                    isIgnoredForRanking: true, isNegation: StopWords.isNegation(word))
        }
        return known
    }

    /// The facts of `folded`: looked up for a known word, else worked out. A word the lexicon knows
    /// as a form of another word takes that lemma's stem (an override of the lemma included), so
    /// "mishandeld", "sloeg" and "gezinnen" meet "mishandeling", "slaan" and "gezin".
    func facts(of folded: String) -> WordFacts {
        if let facts = known[folded] { return facts }
        let entry = tables.lexicon.entry(of: folded)
        let lemma = entry?.lemma ?? folded
        let stem = known[lemma]?.stem ?? Self.snowballStem(lemma)
        return WordFacts(stem: stem, lemma: lemma, isDutchWord: entry != nil,
                         isIgnoredForRanking: Self.isIgnoredForRanking(folded),
                         isNegation: StopWords.isNegation(folded))
    }

    /// The stem of one folded word: from `stems.tsv` or the known words, else the Snowball stem of
    /// its lemma.
    public func stem(_ folded: String) -> String {
        facts(of: folded).stem
    }

    /// Numbers stay as they are.
    private static func snowballStem(_ folded: String) -> String {
        folded.first?.isNumber == true ? folded : DutchStemmer.stem(folded)
    }

    /// The terms of indexed text: every word, stop words marked.
    public func analyze(_ text: String) -> [AnalyzedTerm] {
        Tokenizer.tokenize(text).map { token in
            let facts = facts(of: token.text)
            return AnalyzedTerm(
                stem: facts.stem, surface: token.text, lemma: facts.lemma, isDutchWord: facts.isDutchWord,
                followsPunctuation: token.followsPunctuation, position: token.position, origin: token.isJoined ? .joined : .word,
                isStopWord: facts.isIgnoredForRanking, isNegation: facts.isNegation, weight: 1)
        }
    }

    /// Stop words, and single letters such as the "s" of "'s avonds": they say nothing about a topic.
    public static func isIgnoredForRanking(_ folded: String) -> Bool {
        StopWords.contains(folded) || (folded.unicodeScalars.count == 1 && !(folded.first?.isNumber ?? false))
    }

    /// The terms of a question: the words, plus compound parts, typo corrections against
    /// `vocabulary`, and synonyms.
    public func analyzeQuery(_ text: String, vocabulary: Vocabulary? = nil) -> [AnalyzedTerm] {
        analyzeQuery(words: analyze(text), vocabulary: vocabulary)
    }

    /// The terms of a question whose words `analyze` has already produced.
    public func analyzeQuery(words: [AnalyzedTerm], vocabulary: Vocabulary? = nil) -> [AnalyzedTerm] {
        var terms: [AnalyzedTerm] = []
        for term in words {
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

    /// The longest word that is split into compound parts or corrected, in letters. Both searches grow
    /// with the square of a word's length; real compounds and typos are shorter than this.
    public static let maximumDerivedLength = 40

    private func derivedTerms(for term: AnalyzedTerm, in vocabulary: Vocabulary) -> [AnalyzedTerm] {
        guard term.surface.unicodeScalars.count <= Self.maximumDerivedLength else { return [] }
        let known = vocabulary.contains(term.surface) || vocabulary.containsStem(term.stem)
        if let parts = vocabulary.decompound(term.surface) {
            let weight = known ? Weight.compoundPartOfKnownWord : Weight.compoundPartOfUnknownWord
            return parts.map { derived(from: term, surface: $0, origin: .compoundPart, weight: weight) }
        }
        guard !known, !term.surface.first!.isNumber, !term.isDutchWord else { return [] }
        return corrections(of: term.surface, in: vocabulary).map { correction in
            let weight = correction.distance == 1 ? Weight.correctionAtDistance1 : Weight.correctionAtDistance2
            return derived(from: term, surface: correction.word, origin: .correction, weight: weight)
        }
    }

    /// The shortest word corrected on any match; a shorter word only when exactly one known word is
    /// that close ("moedr" → moeder), because short words have many neighbours ("stel": snel, stel, stal).
    public static let minimumFreelyCorrectedLength = 6

    private func corrections(of word: String, in vocabulary: Vocabulary) -> [(word: String, distance: Int)] {
        let found = vocabulary.corrections(of: word)
        if word.unicodeScalars.count >= Self.minimumFreelyCorrectedLength { return found }
        return found.count == 1 ? found : []
    }

    private func derived(from term: AnalyzedTerm, surface: String, origin: AnalyzedTerm.Origin,
                         weight: Double) -> AnalyzedTerm {
        let facts = facts(of: surface)
        return AnalyzedTerm(stem: facts.stem, surface: surface, lemma: facts.lemma, position: term.position, origin: origin,
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
        guard !matches.isEmpty else { return [] }
        var present = Set(terms.map(\.stem))
        var added: [AnalyzedTerm] = []
        for (rule, start) in matches.sorted(by: { $0.rule < $1.rule }) {
            for canonical in synonymRules[rule].canonical where present.insert(canonical.stem).inserted {
                added.append(AnalyzedTerm(
                    stem: canonical.stem, surface: canonical.surface, lemma: canonical.surface, position: words[start].position,
                    origin: .synonym, isStopWord: false, isNegation: false, weight: Weight.synonym))
            }
        }
        return added
    }
}
