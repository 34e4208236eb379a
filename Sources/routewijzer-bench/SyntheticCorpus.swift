import DutchText
import Retrieval

/// A large corpus made deterministically from the real one, to measure how the index scales.
///
/// Each synthetic document takes the title and route of a real document, a few keywords from the
/// whole keyword pool, and sections of sentences drawn from all real sections, so word frequencies
/// stay those of real content. The same seed always gives the same corpus, for every engine compared.
struct SyntheticCorpus {
    var seed: UInt64 = 0x5EED_2026

    func passages(count documents: Int, from real: KnowledgeBase) throws -> [Passage] {
        var random = SplitMix64(seed: seed)
        let sentences = real.passages.flatMap { passage in
            passage.text.split(separator: ".").map { $0.trimmed() }.filter { $0.count > 20 }
        }
        let keywords = real.documents.flatMap(\.keywords)
        let sources = real.documents
        guard !sentences.isEmpty, !keywords.isEmpty, !sources.isEmpty else {
            throw BenchError("the knowledge base has no documents with text and keywords to draw a synthetic corpus from")
        }
        var passages: [Passage] = []
        passages.reserveCapacity(documents * 3)
        for number in 0..<documents {
            let source = sources[random.next(below: sources.count)]
            let id = "synthetic-\(number)"
            let words = (0..<(3 + random.next(below: 4))).map { _ in keywords[random.next(below: keywords.count)] }
            for section in 0..<3 {
                let text = (0..<(2 + random.next(below: 4))).map { _ in sentences[random.next(below: sentences.count)] }
                passages.append(Passage(
                    id: section == 0 ? id : "\(id)#\(section)", documentID: id, route: source.route, title: source.title,
                    keywords: words.joined(separator: ", "), section: section == 0 ? nil : "Deel \(section)",
                    text: text.joined(separator: ". ") + "."))
            }
        }
        return passages
    }
}

/// A small, fast, seedable generator (SplitMix64), so corpora are identical across runs and machines.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
