import DutchText
import Retrieval

/// One need found in a story: the flow that takes it up and the person's own words for it, which
/// the plan and "U noemde ook …" quote back.
public struct Need: Codable, Equatable, Sendable {
    public var flow: String
    public var words: String
}

/// Reads the needs in a story. One life touches several desks at once ("ik heb schulden en voel me
/// al maanden depressief"), but a classifier that reads the whole message names only the loudest
/// need. So the story is cut into parts, at clause ends and at words that join two needs, and each
/// part is routed on its own: by a flow's trigger, or by the understanding layer when it is sure.
/// A part that is not sure of a route adds nothing; the whole story still decides the first flow.
/// In a story about someone else, a part that says the writer carries too much (a flow's
/// `carer-signs:`) is a need of its own: the mantelzorger's.
enum StoryReader {
    /// Words that join two statements inside one clause. "ook" is left out: "ik ben ook op" is one
    /// statement.
    static let joiners: Set<String> = ["en", "daarnaast", "bovendien", "plus", "tevens", "daarbij", "verder"]
    /// Words that open a clause but go on with the one before it: "… regelen voor later, maar ik snap
    /// niet wat" says more about the same need. Chosen on `meerdere-vragen-dev.tsv` (recall unchanged).
    static let continuers: Set<String> = ["maar"]
    /// The classifier's probability, summed over a flow's routes, that a part needs before its flow
    /// counts as a need. Chosen on `Tests/Evaluation/meerdere-vragen-dev.tsv` with
    /// `routewijzer eval --needs`: 0.3 takes up more needs but adds one unasked need in three stories,
    /// 0.6 misses one need in five; see docs/DIALOGS.md. The classifier alone, without BM25F, reads a
    /// part as well as the fused score did (recall 0.875 against 0.863 on the dev half) at a quarter
    /// of the cost, which keeps a long story's turn within its time.
    static let routeScore = 0.45
    /// At most this many needs are taken from one story; a longer list is a case for a person.
    static let limit = 4

    /// The parts of a story: runs of words between clause ends and joining words, each with at least
    /// one content word that is not a person or a number; as ranges of the story's words (the `.word`
    /// terms, in order), so a part is cut from the story's analysis, not analysed again.
    static func parts(of terms: [AnalyzedTerm], context: ContextReading) -> [Range<Int>] {
        let starts = Set(context.clauses.map(\.lowerBound))
        // Words that only say who it is about ("mijn dochter van 15") make no need of their own.
        let persons = context.triggers(of: .otherPerson).union(context.triggers(of: .writer))
        let words = terms.filter { $0.origin == .word }
        var parts: [Range<Int>] = []
        var start = 0
        for (index, word) in words.enumerated() {
            let joins = joiners.contains(word.surface)
            if joins || (starts.contains(word.position) && index > start && !continuers.contains(word.surface)) {
                if index > start { parts.append(start..<index) }
                start = joins ? index + 1 : index
            }
        }
        if start < words.count { parts.append(start..<words.count) }
        return parts.filter { part in words[part].contains { !$0.isStopWord && !persons.contains($0.position) && Int($0.surface) == nil } }
    }
}

extension DialogueContent {
    /// The needs of `story`, in the order told, each flow once; none when it tells only one.
    public func needs(in story: String) -> [Need] { needs(in: analyse(story)) }

    /// The parts `needs(in:)` routes one by one.
    public func storyParts(_ story: String) -> [String] {
        let input = analyse(story)
        return StoryReader.parts(of: input.terms, context: analyzer.context(of: input.terms)).map { input.part($0).text }
    }

    /// How a conversation opens on a story: the flow a trigger of the whole story names, else a
    /// clear direct answer, else the first of several needs, else a clarifying question with the
    /// best routes; with the needs of the story's parts.
    enum Opening {
        case flow(String)
        case answer(SearchResult)
        case clarify([String])
        case nothing
    }

    func opening(_ input: AnalysedInput) -> (Opening, needs: [Need]) {
        let needs = needs(in: input)
        // Several needs start with the one told first: people tell what presses most first, and the
        // loudest trigger of the whole story ("eenzaam") need not be it.
        if let triggered = triggeredFlow(input) { return (.flow(needs.count > 1 ? needs[0].flow : triggered), needs) }
        var searcher = Searcher(index: index)
        let results = searcher.search(words: input.terms)
        if let passage = DirectAnswerRule().answer(results) { return (.answer(passage), needs) }
        if needs.count > 1 { return (.flow(needs[0].flow), needs) }
        let ranked = DirectAnswerRule.routes(results)
        return (ranked.isEmpty ? .nothing : .clarify(ranked.prefix(3).map(\.route)), needs)
    }

    /// The flows a conversation opened with `story` takes up without asking back, in order: what
    /// `eval --needs` measures. A clarifying question counts as no flow: the person still has to choose.
    public func storyFlows(_ story: String) -> [String] {
        let (opening, needs) = opening(analyse(story))
        let first: String? = switch opening {
        case .flow(let id): id
        case .answer(let passage): flowsByRoute[passage.passage.route]
        case .clarify, .nothing: nil
        }
        return (first.map { [$0] } ?? []) + needs.map(\.flow).filter { $0 != first }
    }

    func needs(in story: AnalysedInput) -> [Need] {
        let context = analyzer.context(of: story.terms)
        let parts = StoryReader.parts(of: story.terms, context: context)
        guard parts.count > 1 else { return [] }
        let aboutSomeoneElse = !context.triggers(of: .otherPerson).isEmpty
        var needs: [Need] = []
        for part in parts {
            let input = story.part(part)
            guard let flow = flow(for: input, aboutSomeoneElse: aboutSomeoneElse),
                  !needs.contains(where: { $0.flow == flow }) else { continue }
            needs.append(Need(flow: flow, words: input.text))
            if needs.count == StoryReader.limit { break }
        }
        return needs
    }

    /// The flow one part of a story calls for: a trigger, a carer sign, else the flow whose routes the
    /// route classifier gives most of its belief, when that is enough. A part is short, so the
    /// classifier spreads its belief over neighbouring routes (huisarts and ggz for "ik voel me al
    /// maanden somber"); summed per flow, they name the need. Content without examples has no
    /// classifier; then the fused search scores stand in.
    private func flow(for input: AnalysedInput, aboutSomeoneElse: Bool) -> String? {
        if let triggered = triggeredFlow(input) { return triggered }
        if aboutSomeoneElse, let carer = carerSigns.first(where: { PhraseMatcher.match($0.pattern, in: input) != nil }) { return carer.flow }
        // The classifier always spreads its belief somewhere, also over "goedemiddag" or "maar ik snap
        // niet wat": a part needs a content word the knowledge base knows before it can be a need.
        guard input.terms.contains(where: { $0.origin == .word && !$0.isStopWord && index.knows(stem: $0.stem) }) else { return nil }
        var scores: [String: Double] = [:]
        if let classifier = index.classifier {
            let probabilities = classifier.probabilities(input.terms, context: analyzer.context(of: input.terms))
            for (route, probability) in zip(classifier.routes, probabilities) {
                guard let flow = flowsByRoute[route] else { continue }
                scores[flow, default: 0] += probability
            }
        } else {
            var searcher = Searcher(index: index)
            for route in DirectAnswerRule.routes(searcher.search(words: input.terms)) {
                guard let flow = flowsByRoute[route.route] else { continue }
                scores[flow, default: 0] += route.score
            }
        }
        // Highest score first; of equal scores, the flow first in the alphabet, so a tie is stable.
        guard let best = scores.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), best.value >= StoryReader.routeScore
        else { return nil }
        return best.key
    }
}
