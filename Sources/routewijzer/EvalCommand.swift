import Retrieval

/// `routewijzer eval FILE.tsv`: route accuracy of the retriever on labelled questions.
enum EvalCommand {
    static func run(_ arguments: Arguments) throws(CLIError) {
        try arguments.allow(flags: [], options: ["--knowledge", "--min-top1", "--min-top3", "--k1", "--b", "--field-weights"])
        guard arguments.positional.count == 1, let file = arguments.positional.first else {
            throw .usage("eval takes one file of 'question<TAB>route,route' lines")
        }
        let questions: [RouteEvaluation.Question]
        do {
            questions = try RouteEvaluation.parseQuestions(try InputLines.read(file), file: file)
        } catch let error as KnowledgeError {
            throw .failure(error.description)
        } catch let error as CLIError {
            throw error
        } catch {
            throw .failure("\(error)")
        }
        guard !questions.isEmpty else { throw .failure("\(file) has no questions") }
        let knowledge = try LoadedKnowledge(arguments)
        var searcher = Searcher(index: knowledge.index)
        var evaluation = RouteEvaluation()
        for question in questions { evaluation.record(question, results: searcher.search(question.text)) }
        Console.out(report(evaluation))
        try check(evaluation.top1, against: arguments.number("--min-top1"), name: "top-1")
        try check(evaluation.top3, against: arguments.number("--min-top3"), name: "top-3")
    }

    static func report(_ evaluation: RouteEvaluation) -> String {
        let count = evaluation.outcomes.count
        func hits(_ rank: Int) -> Int { evaluation.outcomes.filter { ($0.firstHit ?? 99) <= rank }.count }
        var lines = [
            "questions: \(count)",
            "top-1:  \(format(evaluation.top1)) (\(hits(1))/\(count))",
            "top-3:  \(format(evaluation.top3)) (\(hits(3))/\(count))",
            "MRR@10: \(format(evaluation.meanReciprocalRank))",
        ]
        if !evaluation.misses.isEmpty { lines.append("misses (first route not accepted):") }
        for miss in evaluation.misses {
            let rank = miss.firstHit.map { "accepted at \($0)" } ?? "no accepted route in top 10"
            lines.append("  line \(miss.question.line): \(miss.question.text)")
            lines.append("    expected \(miss.question.routes.sorted().joined(separator: ",")); got \(miss.rankedRoutes.prefix(3).joined(separator: ", ")) (\(rank))")
        }
        return lines.joined(separator: "\n")
    }

    static func format(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }

    private static func check(_ value: Double, against minimum: Double?, name: String) throws(CLIError) {
        if let minimum, value < minimum {
            throw .failure("\(name) accuracy \(format(value)) is below the required \(format(minimum))")
        }
    }
}
