import DutchText

/// Route accuracy of a retriever on labelled questions: the figures `routewijzer eval` prints.
///
/// Ranked passages are reduced to distinct routes in rank order; a question is a top-k hit when one
/// of its accepted routes is among the first k routes, and MRR@10 averages 1/rank of the first hit.
public struct RouteEvaluation: Sendable {
    /// A labelled question: the text and the routes that count as a correct answer.
    public struct Question: Equatable, Sendable {
        public var text: String
        public var routes: Set<String>
        public var line: Int

        public init(text: String, routes: Set<String>, line: Int) {
            self.text = text
            self.routes = routes
            self.line = line
        }
    }

    /// The outcome for one question.
    public struct Outcome: Sendable {
        public var question: Question
        public var rankedRoutes: [String]
        /// 1-based rank of the first accepted route within the first ten, if any.
        public var firstHit: Int?
    }

    public var outcomes: [Outcome] = []

    public init() {}

    /// Parses `question<TAB>route,route` lines; a first line whose question is "question" is a header.
    public static func parseQuestions(_ text: String, file: String) throws(KnowledgeError) -> [Question] {
        var questions: [Question] = []
        for (index, raw) in text.lines.enumerated() {
            let line = raw.trimmed()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if index == 0, fields.first == "question" { continue }
            guard fields.count == 2 else {
                throw KnowledgeError(file: file, line: index + 1, message: "expected 'question<TAB>route,route'")
            }
            let routes = Set(fields[1].split(separator: ",").map { $0.trimmed() }.filter { !$0.isEmpty })
            questions.append(Question(text: String(fields[0]).trimmed(), routes: routes, line: index + 1))
        }
        return questions
    }

    public mutating func record(_ question: Question, results: [SearchResult]) {
        record(question, ranking: results.distinctRoutes)
    }

    /// The same for routes already in rank order (a classifier's ranking, for instance).
    public mutating func record(_ question: Question, ranking routes: [String]) {
        let hit = routes.prefix(10).firstIndex { question.routes.contains($0) }.map { $0 + 1 }
        outcomes.append(Outcome(question: question, rankedRoutes: routes, firstHit: hit))
    }

    public var top1: Double { share { ($0.firstHit ?? 99) <= 1 } }
    public var top3: Double { share { ($0.firstHit ?? 99) <= 3 } }
    public var meanReciprocalRank: Double {
        outcomes.isEmpty ? 0 : outcomes.reduce(0) { $0 + ($1.firstHit.map { 1 / Double($0) } ?? 0) } / Double(outcomes.count)
    }
    /// The questions whose first route is not an accepted one.
    public var misses: [Outcome] { outcomes.filter { $0.firstHit != 1 } }

    private func share(_ isHit: (Outcome) -> Bool) -> Double {
        outcomes.isEmpty ? 0 : Double(outcomes.filter(isHit).count) / Double(outcomes.count)
    }
}
