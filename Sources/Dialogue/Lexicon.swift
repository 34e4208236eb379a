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
    /// Length and letter set of each word, beside `words`: plain numbers, so the candidates of a
    /// typed word can be ruled out without touching (and reference counting) their strings.
    private var shapes: [WordShape] = []
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
        shapes.append(word.shape)
        idBySurface[word.surface] = id
        idsByStem[word.stem, default: []].append(id)
        if word.shape.length >= WordShape.minimumLongLength, let first = word.scalars.first, let last = word.scalars.last {
            insert(id, into: &longByFirst[first, default: []])
            insert(id, into: &longByLast[last, default: []])
        }
        return id
    }

    /// Keeps a bucket ordered by word length, so a typed word reads only the lengths it could match.
    private func insert(_ id: ID, into bucket: inout [ID]) {
        let length = shapes[Int(id)].length
        bucket.insert(id, at: bucket.firstIndex { shapes[Int($0)].length > length } ?? bucket.count)
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
            // The same surface or stem was found above; what is left is a typo (same first letter,
            // at most two letters longer) or the start of a compound, and then the end of a compound
            // (shorter than the compound). A typo of the shortest long word is one letter shorter at
            // most, so shorter typed words are neither.
            let shape = word.shape
            guard shape.length >= WordShape.minimumLongLength - 1, let head = word.scalars.first, let tail = word.scalars.last else { continue }
            for id in longByFirst[head] ?? [] {
                let candidate = shapes[Int(id)]
                if candidate.length > shape.length + 2 { break }
                if shape.mayBeTypo(of: candidate) || shape.mayContain(candidate) { consider(id) }
            }
            for id in longByLast[tail] ?? [] {
                let candidate = shapes[Int(id)]
                if candidate.length >= shape.length { break }
                if shape.mayContain(candidate) { consider(id) }
            }
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
