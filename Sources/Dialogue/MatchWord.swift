import DutchText

/// A word as the dialogue matchers compare it: folded surface form and stem.
public struct MatchWord: Equatable, Sendable {
    public var surface: String
    public var stem: String
    public var isStopWord: Bool
    /// The surface as scalars, for the edit distance without a conversion per comparison.
    var scalars: [Unicode.Scalar]
    /// Hashes of surface and stem: most word pairs differ, and two integers say so fastest.
    private var surfaceHash: Int
    private var stemHash: Int

    init(surface: String, stem: String, isStopWord: Bool) {
        self.surface = surface
        self.stem = stem
        self.isStopWord = isStopWord
        scalars = Array(surface.unicodeScalars)
        surfaceHash = surface.hashValue
        stemHash = stem.hashValue
    }

    /// The words of `text`, in order (joined hyphen forms left out: their parts are there).
    static func words(of text: String, analyzer: Analyzer) -> [MatchWord] {
        analyzer.analyze(text).filter { $0.origin == .word }.map {
            MatchWord(surface: $0.surface, stem: $0.stem, isStopWord: $0.isStopWord)
        }
    }

    /// The content words of `text`, or all its words when it has only stop words ("anders", "nee").
    static func contentWords(of text: String, analyzer: Analyzer) -> [MatchWord] {
        content(of: words(of: text, analyzer: analyzer))
    }

    /// The content words among `words`, or all of them when they are only stop words.
    static func content(of words: [MatchWord]) -> [MatchWord] {
        let content = words.filter { !$0.isStopWord }
        return content.isEmpty ? words : content
    }

    /// How well `self` (from what a person typed) matches `expected` (from content): 1 for the same
    /// word or stem, 0.9 when `expected` is part of a compound, 0.8 for a small typo (at most
    /// `maxEdits`, fewer for short words), else 0.
    ///
    /// Called for every word pair of every trigger and signal on every turn, so it compares scalars
    /// and lengths before anything costly.
    func similarity(to expected: MatchWord, maxEdits: Int = 2) -> Double {
        if (surfaceHash == expected.surfaceHash && surface == expected.surface)
            || (stemHash == expected.stemHash && stem == expected.stem) { return 1 }
        let length = expected.scalars.count
        guard length >= 5 else { return 0 }
        if scalars.count > length && (scalars.starts(with: expected.scalars) || scalars.reversed().starts(with: expected.scalars.reversed())) {
            return 0.9
        }
        let edits = min(maxEdits, EditDistance.allowedEdits(forLength: length))
        guard abs(scalars.count - length) <= edits, scalars.first == expected.scalars.first,
              EditDistance.distance(scalars, expected.scalars, limit: edits) != nil else { return 0 }
        return 0.8
    }
}

/// Finds phrases (triggers, safety signals) in what a person typed.
enum PhraseMatcher {
    /// A phrase as written in content: its words, and how many other words may come between them.
    struct Pattern: Sendable {
        var words: [MatchWord]
        var gap: Int

        /// `"..."` means the words must be adjacent; otherwise up to two words may come between.
        init(_ text: String, analyzer: Analyzer) {
            let quoted = text.count > 1 && text.hasPrefix("\"") && text.hasSuffix("\"")
            words = MatchWord.words(of: quoted ? String(text.dropFirst().dropLast()) : text, analyzer: analyzer)
            gap = quoted ? 0 : 2
        }
    }

    /// Whether `pattern` occurs in `input`. Typos are limited to one edit: a false alarm from a
    /// look-alike word ("geslaagd" for "geslagen") costs trust.
    static func match(_ pattern: Pattern, in input: [MatchWord]) -> Double? {
        match(pattern.words, in: input, gap: pattern.gap, maxEdits: 1)
    }

    /// Whether the words of `phrase` occur in `input` in order, with at most `gap` other words between
    /// neighbours. Returns the summed similarity, or `nil` when the phrase is not there.
    static func match(_ phrase: [MatchWord], in input: [MatchWord], gap: Int, maxEdits: Int) -> Double? {
        guard let first = phrase.first else { return nil }
        var best: Double?
        for start in input.indices where input[start].similarity(to: first, maxEdits: maxEdits) > 0 {
            var score = input[start].similarity(to: first, maxEdits: maxEdits)
            var position = start
            var complete = true
            for word in phrase.dropFirst() {
                let window = (position + 1)..<min(input.count, position + 2 + gap)
                guard let next = window.first(where: { input[$0].similarity(to: word, maxEdits: maxEdits) > 0 }) else {
                    complete = false
                    break
                }
                score += input[next].similarity(to: word, maxEdits: maxEdits)
                position = next
            }
            if complete { best = max(best ?? 0, score) }
        }
        return best
    }
}
