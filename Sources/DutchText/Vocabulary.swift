/// The words an index knows, prepared for the two questions query analysis asks of them:
/// "is this unknown word a compound of known words?" and "which known word did they mean to type?".
public struct Vocabulary: Sendable {
    /// Folded surface words seen in the indexed text (stop words excluded).
    public let words: Set<String>
    /// The stems of those words: a word form never seen may still have a known stem.
    public let stems: Set<String>
    /// Words bucketed by first letter, prepared for edit distance.
    private let byFirstLetter: [Unicode.Scalar: [Candidate]]

    /// A known word with what the typo search needs: its scalars and the set of its letters.
    private struct Candidate: Sendable {
        var word: String
        var scalars: [Unicode.Scalar]
        var letters: UInt64
    }

    /// The shortest part a compound may be split into: shorter parts ("ver", "af") split far too eagerly.
    public static let minimumPartLength = 4

    public init(words: some Sequence<String>, stems: some Sequence<String> = []) {
        let set = Set(words)
        self.words = set
        self.stems = Set(stems)
        var buckets: [Unicode.Scalar: [Candidate]] = [:]
        for word in set.sorted() {
            let scalars = Array(word.unicodeScalars)
            if let first = scalars.first {
                buckets[first, default: []].append(Candidate(word: word, scalars: scalars, letters: Self.letterSet(scalars)))
            }
        }
        self.byFirstLetter = buckets
    }

    public func contains(_ word: String) -> Bool { words.contains(word) }

    public func containsStem(_ stem: String) -> Bool { stems.contains(stem) }

    /// The letters a word contains, one bit each (a–z; every other scalar shares bit 63).
    static func letterSet(_ scalars: [Unicode.Scalar]) -> UInt64 {
        scalars.reduce(0) { set, scalar in
            let value = scalar.value
            return set | (value >= 97 && value <= 122 ? 1 << UInt64(value - 97) : 1 << 63)
        }
    }

    /// Splits `word` into two known parts, with the Dutch linking elements -s-, -e-, -en- between them
    /// ("huisartsenpost" → huisarts, post). Prefers the longest known head; a tail that is itself a
    /// compound is split once more. Nil when no split uses known words only.
    public func decompound(_ word: String) -> [String]? {
        decompound(Array(word.unicodeScalars), depth: 0)
    }

    private func decompound(_ scalars: [Unicode.Scalar], depth: Int) -> [String]? {
        let minimum = Self.minimumPartLength
        guard scalars.count >= 2 * minimum, depth < 2 else { return nil }
        for headEnd in stride(from: scalars.count - minimum, through: minimum, by: -1) {
            let head = String(String.UnicodeScalarView(scalars[..<headEnd]))
            guard words.contains(head) else { continue }
            for link in ["", "s", "en", "e"] {
                let tailStart = headEnd + link.unicodeScalars.count
                guard scalars.count - tailStart >= minimum,
                      String(String.UnicodeScalarView(scalars[headEnd..<tailStart])) == link else { continue }
                let tailScalars = Array(scalars[tailStart...])
                let tail = String(String.UnicodeScalarView(tailScalars))
                if words.contains(tail) { return [head, tail] }
                if let parts = decompound(tailScalars, depth: depth + 1) { return [head] + parts }
            }
        }
        return nil
    }

    /// Known words within the allowed edit distance of `word` (see `EditDistance.allowedEdits`),
    /// closest first, then alphabetically. Only words with the same first letter are compared:
    /// people rarely mistype the first letter, and the restriction keeps a look-up in microseconds.
    /// Before the edit-distance table, a letter-set test discards most candidates: one edit changes
    /// whether at most two letters occur, so sets differing in more than 2·k letters are too far apart.
    public func corrections(of word: String, limit: Int = 3) -> [(word: String, distance: Int)] {
        let scalars = Array(word.unicodeScalars)
        let allowed = EditDistance.allowedEdits(forLength: scalars.count)
        guard allowed > 0, let first = scalars.first, let candidates = byFirstLetter[first] else { return [] }
        let letters = Self.letterSet(scalars)
        var found: [(word: String, distance: Int)] = []
        for candidate in candidates
        where abs(candidate.scalars.count - scalars.count) <= allowed && (candidate.letters ^ letters).nonzeroBitCount <= 2 * allowed {
            if let distance = EditDistance.distance(scalars, candidate.scalars, limit: allowed), distance > 0 {
                found.append((candidate.word, distance))
            }
        }
        found.sort { ($0.distance, $0.word) < ($1.distance, $1.word) }
        return Array(found.prefix(limit))
    }
}
