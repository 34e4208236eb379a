import DutchText

/// Finds phrases (triggers, safety signals) in what a person typed.
enum PhraseMatcher {
    /// A phrase as written in content: its words, and how many other words may come between them.
    struct Pattern: Sendable {
        var words: [Lexicon.ID]
        var gap: Int

        /// `"..."` means the words must be adjacent; otherwise up to two words may come between.
        init(_ text: String, analyzer: Analyzer, lexicon: inout Lexicon) {
            let quoted = text.count > 1 && text.hasPrefix("\"") && text.hasSuffix("\"")
            words = lexicon.ids(of: MatchWord.words(of: quoted ? String(text.dropFirst().dropLast()) : text, analyzer: analyzer))
            gap = quoted ? 0 : 2
        }
    }

    /// Typos in phrases are limited to one edit: a false alarm from a look-alike word ("geslaagd"
    /// for "geslagen") costs trust.
    static let maximumEdits = 1

    /// Whether the words of `pattern` occur in `input` in order, with at most `gap` other words
    /// between neighbours. Returns the best summed score, or nil when the phrase is not there.
    /// Hits are in the order of their words, so the next word of the phrase is looked for only among
    /// the hits of the few positions its window allows (binary search): a message that repeats one
    /// word thousands of times costs its length, not its length squared.
    static func match(_ pattern: Pattern, in input: AnalysedInput) -> Double? {
        guard let first = pattern.words.first else { return nil }
        let hits = input.hits
        var best: Double?
        for start in hits where start.id == first && start.edits <= maximumEdits {
            var score = start.score
            var position = start.position
            var complete = true
            for word in pattern.words.dropFirst() {
                let window = (position + 1)..<(position + 2 + pattern.gap)
                guard let next = hit(of: word, in: window, among: hits) else {
                    complete = false
                    break
                }
                score += next.score
                position = next.position
            }
            if complete { best = max(best ?? 0, score) }
        }
        return best
    }

    /// The first hit of content word `id` at a position in `window`, in hits ordered by position.
    private static func hit(of id: Lexicon.ID, in window: Range<Int>, among hits: [Lexicon.Hit]) -> Lexicon.Hit? {
        var low = 0, high = hits.count
        while low < high {
            let middle = (low + high) / 2
            if hits[middle].position < window.lowerBound { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < hits.count, hits[index].position < window.upperBound {
            if hits[index].id == id && hits[index].edits <= maximumEdits { return hits[index] }
            index += 1
        }
        return nil
    }
}
