import Dialogue
import Retrieval

/// `routewijzer eval FILE.tsv`: route accuracy of the retriever on labelled questions; with
/// `--safety`, recall and false alarms of the safety layer on labelled messages, in a conversation.
enum EvalCommand {
    static let spec = CommandSpec(
        name: "eval", synopsis: "eval FILE.tsv",
        summary: "Route accuracy on 'question<TAB>route,route' lines: top-1, top-3, MRR@10, misses.",
        options: [
            Option("--min-top1", "X", "Exit 1 when top-1 accuracy is below X."),
            Option("--min-top3", "X", "Exit 1 when top-3 accuracy is below X."),
            Option("--safety", nil, """
                Safety layer on 'bericht<TAB>categorie<TAB>nu|verleden|-' lines, as the first message
                and mid-conversation: recall per category, false alarms, mistakes (docs/SAFETY.md).
                """),
            Option("--max-false-alarms", "X", "With --safety: exit 1 above X (and whenever a crisis ends a conversation)."),
            Option("--needs", nil, """
                Stories with several needs, 'verhaal<TAB>route,route': how many needs the conversation
                takes up without asking back, against the first flow alone (docs/DIALOGS.md).
                """),
            Option("--min-recall", "X", "With --safety or --needs: exit 1 when recall is below X."),
            Option("--min-complete", "X", "With --needs: exit 1 when fewer stories than X have every need taken up."),
            Option("--show-mistakes", nil, "With --needs: list the misses."),
        ] + Option.content)

    static func run(_ arguments: Arguments) throws(CLIError) {
        guard arguments.positional.count == 1, let file = arguments.positional.first else {
            throw .usage("eval takes one file of 'question<TAB>route,route' lines (with --safety: 'bericht<TAB>categorie<TAB>tijd')")
        }
        if arguments.has("--safety") { return try runSafety(file, arguments) }
        if arguments.has("--needs") { return try runNeeds(file, arguments) }
        let questions = try read(file, what: "questions") { text throws(KnowledgeError) in try RouteEvaluation.parseQuestions(text, file: file) }
        let knowledge = try LoadedKnowledge(arguments, safety: false)
        var searcher = Searcher(index: knowledge.index)
        var evaluation = RouteEvaluation()
        for question in questions { evaluation.record(question, results: searcher.search(question.text)) }
        Console.out(report(evaluation))
        try check(evaluation.top1, against: arguments.number("--min-top1"), name: "top-1")
        try check(evaluation.top3, against: arguments.number("--min-top3"), name: "top-3")
    }

    /// Recall per category and false alarms, as the first message and mid-conversation.
    static func runSafety(_ file: String, _ arguments: Arguments) throws(CLIError) {
        let messages = try read(file, what: "messages") { text throws(KnowledgeError) in try SafetyEvaluation.parse(text, file: file) }
        let content = try LoadedContent(arguments)
        let evaluation = SafetyEvaluation(messages, engine: content.engine)
        Console.out(safetyReport(evaluation, categories: content.knowledge.base.safetyCategories.map(\.id)))
        for position in SafetyEvaluation.Position.allCases {
            let recall = evaluation.recall(position), alarms = evaluation.falseAlarms(position)
            if let minimum = try arguments.number("--min-recall"), ratio(recall.caught, recall.total) < minimum {
                throw .failure("recall (\(position.rawValue)) \(format(ratio(recall.caught, recall.total))) is below the required \(format(minimum))")
            }
            if let maximum = try arguments.number("--max-false-alarms"), ratio(alarms.raised, alarms.total) > maximum {
                throw .failure("false alarms (\(position.rawValue)) \(format(ratio(alarms.raised, alarms.total))) are above the allowed \(format(maximum))")
            }
        }
        guard evaluation.endedConversations.isEmpty else {
            throw .failure("\(evaluation.endedConversations.count) crisis message(s) ended the conversation they were sent into")
        }
    }

    /// Stories with several needs: how many of the labelled needs the conversation takes up (each
    /// route counted by the flow that serves it), how many it adds that were not told, and how many
    /// stories get every need.
    static func runNeeds(_ file: String, _ arguments: Arguments) throws(CLIError) {
        let stories = try read(file, what: "stories") { text throws(KnowledgeError) in try RouteEvaluation.parseQuestions(text, file: file) }
        let content = try LoadedContent(arguments)
        let serving = content.engine.content.dialogs.flowsByRoute
        var told = 0, found = 0, taken = 0, complete = 0, foundFirst = 0, completeFirst = 0
        var mistakes: [String] = []
        for story in stories {
            let expected = Set(story.routes.compactMap { serving[$0] })
            let flows = content.engine.content.storyFlows(story.text)
            let hits = expected.intersection(flows).count
            told += expected.count
            found += hits
            taken += flows.count
            let firstHits = expected.intersection(flows.prefix(1)).count
            foundFirst += firstHits
            if firstHits == expected.count { completeFirst += 1 }
            if hits == expected.count { complete += 1 }
            if hits < expected.count || flows.count > hits { mistakes.append("  line \(story.line): \(flows) for \(expected.sorted()): \(story.text)") }
        }
        let recall = ratio(found, told), completeRate = ratio(complete, stories.count)
        Console.out("needs: recall \(format(recall)) (\(found)/\(told)), precision \(format(ratio(found, taken))) (\(found)/\(taken)), "
                    + "every need taken up in \(format(completeRate)) of stories (\(complete)/\(stories.count))")
        Console.out("baseline, the first flow only: recall \(format(ratio(foundFirst, told))) (\(foundFirst)/\(told)), "
                    + "every need taken up in \(format(ratio(completeFirst, stories.count))) of stories (\(completeFirst)/\(stories.count))")
        if arguments.has("--show-mistakes") { Console.out((["mistakes:"] + mistakes).joined(separator: "\n")) }
        if let minimum = try arguments.number("--min-recall"), recall < minimum {
            throw .failure("need recall \(format(recall)) is below the required \(format(minimum))")
        }
        if let minimum = try arguments.number("--min-complete"), completeRate < minimum {
            throw .failure("stories with every need taken up \(format(completeRate)) are below the required \(format(minimum))")
        }
    }

    static func safetyReport(_ evaluation: SafetyEvaluation, categories: [String]) -> String {
        var lines: [String] = []
        for position in SafetyEvaluation.Position.allCases {
            let recall = evaluation.recall(position), alarms = evaluation.falseAlarms(position)
            lines.append("\(position.rawValue): recall \(format(ratio(recall.caught, recall.total))) (\(recall.caught)/\(recall.total)), "
                         + "false alarms \(format(ratio(alarms.raised, alarms.total))) (\(alarms.raised)/\(alarms.total))")
            for category in categories {
                let found = evaluation.recall(position, category: category)
                if found.total > 0 { lines.append("  \(category): \(found.caught)/\(found.total)") }
            }
        }
        let past = evaluation.pastOutcomes()
        lines.append("past crises (first message): check \(past[.check, default: 0]), alarm \(past[.alarm, default: 0]), nothing \(past[.none, default: 0])")
        lines.append("crisis messages that ended a conversation: \(evaluation.endedConversations.count)")
        if !evaluation.mistakes.isEmpty { lines.append("mistakes:") }
        for mistake in evaluation.mistakes {
            let what = mistake.message.isCrisis ? "missed \(mistake.message.category)" : "false \(mistake.safety.rawValue)"
            lines.append("  line \(mistake.message.line) (\(mistake.position.rawValue)), \(what): \(mistake.message.text)")
        }
        return lines.joined(separator: "\n")
    }

    /// The labelled lines of `file` (or standard input for `-`); a file without any is an error.
    private static func read<Line>(_ file: String, what: String,
                                   parse: (String) throws(KnowledgeError) -> [Line]) throws(CLIError) -> [Line] {
        let lines: [Line]
        do {
            lines = try parse(try InputLines.read(file))
        } catch let error as KnowledgeError {
            throw .failure(error.description)
        } catch let error as CLIError {
            throw error
        } catch {
            throw .failure("\(error)")
        }
        guard !lines.isEmpty else { throw .failure("\(file) has no \(what)") }
        return lines
    }

    private static func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }

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
