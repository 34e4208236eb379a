/// The words an index knows, prepared for the two questions query analysis asks of them:
/// "is this unknown word a compound of known words?" and "which known word did they mean to type?".
public struct Vocabulary: Sendable {
    /// Folded surface words seen in the indexed text (stop words excluded).
    public let words: Set<String>
    /// Word lists bucketed by first letter, as scalar arrays for edit distance.
    private let byFirstLetter: [Unicode.Scalar: [[Unicode.Scalar]]]

    /// The shortest part a compound may be split into: shorter parts ("ver", "af") split far too eagerly.
    public static let minimumPartLength = 4

    public init(words: some Sequence<String>) {
        let set = Set(words)
        self.words = set
        var buckets: [Unicode.Scalar: [[Unicode.Scalar]]] = [:]
        for word in set.sorted() {
            let scalars = Array(word.unicodeScalars)
            if let first = scalars.first { buckets[first, default: []].append(scalars) }
        }
        self.byFirstLetter = buckets
    }

    public func contains(_ word: String) -> Bool { words.contains(word) }

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
    public func corrections(of word: String, limit: Int = 3) -> [(word: String, distance: Int)] {
        let scalars = Array(word.unicodeScalars)
        let allowed = EditDistance.allowedEdits(forLength: scalars.count)
        guard allowed > 0, let first = scalars.first, let candidates = byFirstLetter[first] else { return [] }
        var found: [(word: String, distance: Int)] = []
        for candidate in candidates where abs(candidate.count - scalars.count) <= allowed {
            if let distance = EditDistance.distance(scalars, candidate, limit: allowed), distance > 0 {
                found.append((String(String.UnicodeScalarView(candidate)), distance))
            }
        }
        found.sort { ($0.distance, $0.word) < ($1.distance, $1.word) }
        return Array(found.prefix(limit))
    }
}
