import DutchText

/// Every distinct word of the content's phrases (triggers, safety signals, option texts, route
/// names), numbered once when the content loads.
///
/// A turn compares what a person typed with all of these phrases. Comparing each typed word with
/// each content word once, and only with the words it could resemble, turns the phrase matching
/// that follows into integer look-ups: the safety net checks every input against all its signals.
struct Lexicon: Sendable {
    typealias ID = Int32

    private(set) var words: [MatchWord] = []
    private var idBySurface: [String: ID] = [:]
    private var idsByStem: [String: [ID]] = [:]
    /// Words of five letters or more by first and by last scalar: only those can be typos or parts
    /// of a compound (a typo keeps the first letter; a compound starts or ends with its part).
    private var longByFirst: [Unicode.Scalar: [ID]] = [:]
    private var longByLast: [Unicode.Scalar: [ID]] = [:]

    /// The number of `word`, adding it when it is new.
    mutating func id(of word: MatchWord) -> ID {
        if let id = idBySurface[word.surface] { return id }
        let id = ID(words.count)
        words.append(word)
        idBySurface[word.surface] = id
        idsByStem[word.stem, default: []].append(id)
        if word.scalars.count >= 5, let first = word.scalars.first, let last = word.scalars.last {
            longByFirst[first, default: []].append(id)
            longByLast[last, default: []].append(id)
        }
        return id
    }

    /// The numbers of `words`, adding new ones.
    mutating func ids(of words: [MatchWord]) -> [ID] {
        words.map { id(of: $0) }
    }

    /// Every content word that each typed word resembles, in input order.
    func hits(in input: [MatchWord]) -> [Hit] {
        var hits: [Hit] = []
        for position in input.indices {
            let word = input[position]
            let first = hits.count
            /// Compares with content word `id` once per typed word.
            func consider(_ id: ID) {
                guard !hits[first...].contains(where: { $0.id == id }),
                      let resemblance = word.resemblance(to: words[Int(id)]) else { return }
                hits.append(Hit(id: id, position: position, score: resemblance.score, edits: resemblance.edits))
            }
            if let id = idBySurface[word.surface] { consider(id) }
            for id in idsByStem[word.stem] ?? [] { consider(id) }
            guard let head = word.scalars.first, let tail = word.scalars.last else { continue }
            let length = word.scalars.count
            // A typo is at most two letters longer; a compound's part is shorter than the compound.
            for id in longByFirst[head] ?? [] where words[Int(id)].scalars.count <= length + 2 { consider(id) }
            for id in longByLast[tail] ?? [] where words[Int(id)].scalars.count < length { consider(id) }
        }
        return hits
    }

    /// A typed word at `position` that resembles content word `id`.
    struct Hit: Equatable, Sendable {
        var id: ID
        var position: Int
        var score: Double
        var edits: Int
    }
}

/// One input, analysed once per turn: its words and what they resemble in the lexicon.
struct AnalysedInput: Sendable {
    let text: String
    /// Folded words split at every non-letter, for commands, yes/no, numbers and exact options.
    let plainWords: [String]
    /// Analysed words (stems, stop words), for phrases.
    let words: [MatchWord]
    let hits: [Lexicon.Hit]

    init(_ text: String, analyzer: Analyzer, lexicon: Lexicon) {
        self.text = text
        plainWords = AnswerReader.words(text)
        words = MatchWord.words(of: text, analyzer: analyzer)
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
                guard let next = hits.first(where: { $0.id == word && $0.edits <= maximumEdits && window.contains($0.position) }) else {
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
}
