import DutchText

/// A word as the dialogue matchers compare it: folded surface form and stem.
public struct MatchWord: Equatable, Sendable {
    public var surface: String
    public var stem: String
    public var isStopWord: Bool
    /// A real Dutch word: it may be part of a compound, but never a typo of another word.
    public var isDutchWord: Bool
    /// The surface as scalars, for the edit distance without a conversion per comparison.
    var scalars: [Unicode.Scalar]
    var shape: WordShape

    init(surface: String, stem: String, isStopWord: Bool, isDutchWord: Bool = false) {
        self.surface = surface
        self.stem = stem
        self.isStopWord = isStopWord
        self.isDutchWord = isDutchWord
        scalars = Array(surface.unicodeScalars)
        shape = WordShape(scalars)
    }

    /// The words of `text`, in order (joined hyphen forms left out: their parts are there).
    static func words(of text: String, analyzer: Analyzer) -> [MatchWord] {
        words(of: analyzer.analyze(text))
    }

    /// The words among analysed terms.
    static func words(of terms: [AnalyzedTerm]) -> [MatchWord] {
        terms.filter { $0.origin == .word }.map {
            MatchWord(surface: $0.surface, stem: $0.stem, isStopWord: $0.isStopWord, isDutchWord: $0.isDutchWord)
        }
    }

    /// The content words of `text`, or all its words when it has only stop words ("anders", "nee").
    static func contentWords(of text: String, analyzer: Analyzer) -> [MatchWord] {
        let words = words(of: text, analyzer: analyzer)
        let content = words.filter { !$0.isStopWord }
        return content.isEmpty ? words : content
    }

    /// How a typed word resembles a word of the content.
    struct Resemblance: Equatable, Sendable {
        /// 1 for the same word or stem, 0.9 for part of a compound, 0.8 for a small typo.
        var score: Double
        /// The typo's edit distance; 0 otherwise.
        var edits: Int
    }

    /// How `self` (from what a person typed) resembles `expected` (from content): the same word or
    /// stem, `expected` as the start or end of a longer compound, or a typo of at most two edits
    /// (fewer for short words, and never in the first letter; never for a real Dutch word, so
    /// "slaat" is not "staat"). Nil when it does not.
    func resemblance(to expected: MatchWord) -> Resemblance? {
        if surface == expected.surface || stem == expected.stem { return Resemblance(score: 1, edits: 0) }
        guard expected.shape.length >= WordShape.minimumLongLength else { return nil }
        if shape.mayContain(expected.shape)
            && (scalars.starts(with: expected.scalars) || scalars.reversed().starts(with: expected.scalars.reversed())) {
            return Resemblance(score: 0.9, edits: 0)
        }
        let allowed = EditDistance.allowedEdits(forLength: expected.shape.length)
        guard !isDutchWord, shape.mayBeTypo(of: expected.shape), scalars.first == expected.scalars.first,
              let edits = EditDistance.distance(scalars, expected.scalars, limit: allowed) else { return nil }
        return Resemblance(score: 0.8, edits: edits)
    }
}

/// A word's length and letter set: plain numbers that rule out most typo and compound comparisons
/// before any scalars are read, and that the lexicon keeps in an array of their own.
struct WordShape: Sendable, Equatable {
    /// Content words shorter than this are matched only whole: no typos, not as part of a compound.
    static let minimumLongLength = 5

    var length: Int
    /// The letters a–z the word contains, one bit each (any other scalar sets bit 63): one edit
    /// changes at most two bits, so words whose sets differ more cannot be a small typo apart.
    var letters: UInt64

    init(_ scalars: [Unicode.Scalar]) {
        length = scalars.count
        letters = scalars.reduce(0) { set, scalar in
            set | (scalar.value >= 97 && scalar.value <= 122 ? 1 << UInt64(scalar.value - 97) : 1 << 63)
        }
    }

    /// A typo of `expected` has a length and a letter set close to it.
    func mayBeTypo(of expected: WordShape) -> Bool {
        let allowed = EditDistance.allowedEdits(forLength: expected.length)
        return abs(length - expected.length) <= allowed && (letters ^ expected.letters).nonzeroBitCount <= 2 * allowed
    }

    /// A compound that contains `part` is longer and has all of its letters.
    func mayContain(_ part: WordShape) -> Bool {
        length > part.length && part.letters & ~letters == 0
    }
}
