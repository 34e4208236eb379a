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
