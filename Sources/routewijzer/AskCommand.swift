import Dialogue
import Retrieval
import Wire

/// `routewijzer ask`: where to go with a question, for supporters who want a quick, sourced answer.
enum AskCommand {
    static let spec = CommandSpec(
        name: "ask", synopsis: "ask \"vraag\"", summary: "The best routes for a question, with contact details and sources.",
        options: [
            Option("--json", nil, """
                One JSON object: {"query", "safety", "results": [{"id","route","title","section","score","snippet",
                "contact"}]}.
                """),
            Option("--batch", "FILE", "One question per line (\"-\" = standard input), one answer per line."),
            Option("--limit", "N", "Passages to rank (default 10)."),
            Option("--explain", nil, "Show scores, the query terms that matched and the safety layer's findings."),
            Option.gemeente,
        ] + Option.ranking)

    static func run(_ arguments: Arguments) throws(CLIError) {
        let limit = try arguments.number("--limit").map(Int.init) ?? 10
        guard limit > 0 else { throw .usage("--limit must be at least 1") }
        let json = arguments.has("--json"), explain = arguments.has("--explain")
        if let batch = arguments.value("--batch") {
            guard arguments.positional.isEmpty else { throw .usage("give either --batch FILE or a question, not both") }
            let knowledge = try LoadedKnowledge(arguments)
            let gemeente = try knowledge.gemeente(arguments)
            var searcher = Searcher(index: knowledge.index)
            try InputLines.forEach(in: batch) { question in
                let results = question.trimmed().isEmpty ? [] : searcher.search(question + knowledge.base.localRouteWords(in: question, gemeente: gemeente), limit: limit)
                let safety = assess(question, knowledge)
                Console.out(json ? jsonLine(question, results, safety, knowledge.base, gemeente: gemeente, explain: explain).serialized
                                 : answer(question, results, safety, knowledge.base, gemeente: gemeente, explain: explain))
            }
            return
        }
        let question = arguments.positional.joined(separator: " ")
        guard !question.trimmed().isEmpty else { throw .usage("the question is empty; ask for example: routewijzer ask \"wie betaalt een traplift?\"") }
        let knowledge = try LoadedKnowledge(arguments)
        let gemeente = try knowledge.gemeente(arguments)
        // A local desk's name ("WIJ" in Eindhoven) is searched as the route it stands for.
        let results = knowledge.index.search(question + knowledge.base.localRouteWords(in: question, gemeente: gemeente), limit: limit)
        let safety = assess(question, knowledge)
        Console.out(json ? jsonLine(question, results, safety, knowledge.base, gemeente: gemeente, explain: explain).serialized
                         : answer(question, results, safety, knowledge.base, gemeente: gemeente, explain: explain))
    }

    /// What the safety layer makes of the question: the same layer the chat and the server use.
    static func assess(_ question: String, _ knowledge: LoadedKnowledge) -> SafetyAssessment {
        let words = knowledge.index.analyzer.analyze(question)
        guard let safetyNet = knowledge.safetyNet else { preconditionFailure("ask loads the safety layer") }
        return safetyNet.assess(words, context: knowledge.index.analyzer.context(of: words))
    }

    /// The machine form: `{"query", "gemeente", "safety", "results": [{"id", "route", "title", "section",
    /// "score", "intent", "route_score", "snippet", "contact", "overlay"}]}`; `safety` comes first (see
    /// `SafetyReport.json`), and `contact` is the route card's contact line, so a help desk can show how
    /// to reach the desk: the gemeente's own desk when `overlay` names the file it came from.
    static func jsonLine(_ question: String, _ results: [SearchResult], _ safety: SafetyAssessment, _ base: KnowledgeBase,
                         gemeente: String?, explain: Bool) -> JSONValue {
        .object([
            ("query", .string(question)),
            ("gemeente", gemeente.map(JSONValue.string) ?? .null),
            ("safety", SafetyReport.json(safety, in: base, explain: explain)),
            ("results", .array(results.map { result in
                var members: [(String, JSONValue)] = [
                    ("id", .string(result.passage.id)),
                    ("route", .string(result.passage.route)),
                    ("title", .string(result.passage.title)),
                    ("section", result.passage.section.map(JSONValue.string) ?? .null),
                    ("score", .number(result.score)),
                    ("intent", .number(result.intent)),
                    ("route_score", .number(result.routeScore)),
                    ("snippet", .string(MarkdownText.snippet(result.passage.text))),
                ]
                let card = RouteCard(RouteReference(route: result.passage.route), in: base, gemeente: gemeente)
                members.append(("contact", card.map { .string($0.contact) } ?? .null))
                members.append(("overlay", card?.local == nil ? .null : card?.overlay.map { .string($0.path) } ?? .null))
                if explain { members.append(("matched", .array(result.matchedTerms.map(JSONValue.string)))) }
                return .object(members)
            })),
        ])
    }

    /// The readable form: the crisis card when the safety layer fired, then the best routes with a
    /// short answer, how to reach the desk, and the sources.
    static func answer(_ question: String, _ results: [SearchResult], _ safety: SafetyAssessment, _ base: KnowledgeBase,
                       gemeente: String?, explain: Bool) -> String {
        let suggestions = RouteSuggestion.suggestions(for: results, in: base)
        let card = SafetyReport.card(safety, in: base)
        let safetyExplanation = explain && !safety.evidence.isEmpty ? ["Safety:"] + SafetyReport.evidence(safety).map { "  " + $0 } + [""] : []
        guard !suggestions.isEmpty else {
            return (["Vraag: \(question)", ""] + card + safetyExplanation).joined(separator: "\n")
                + "Hier vond ik niets over. Het Juiste Loket en onafhankelijke cliëntondersteuning helpen u verder.\n"
        }
        var lines = ["Vraag: \(question)", ""] + card
        for (rank, suggestion) in suggestions.enumerated() {
            let document = suggestion.document
            lines.append("\(rank + 1). \(suggestion.route.name) — \(document.title)")
            lines.append("   \(document.summary)")
            if let section = suggestion.bestResult.passage.section {
                lines.append("   \(section): \(MarkdownText.snippet(suggestion.bestResult.passage.text))")
            }
            let card = RouteCard(RouteReference(route: suggestion.route.id, document: document.id), in: base, gemeente: gemeente)
            lines.append("   Contact: \(card?.contact ?? document.contact)")
            lines.append("   Neem mee: \((card?.prepare ?? document.prepare).joined(separator: "; "))")
            lines.append("   Bronnen: \((card?.sources ?? document.sources).joined(separator: "; "))")
            let overlay = card?.local == nil ? nil : card?.overlay
            lines.append("   Gecontroleerd op: \(document.checked)" + (overlay.map { ", \($0.path) op \($0.checked)" } ?? ""))
            lines.append("")
        }
        if explain { lines += safetyExplanation + explanation(results) }
        return lines.joined(separator: "\n")
    }

    /// Every ranked passage with its score and the query terms that matched it.
    static func explanation(_ results: [SearchResult]) -> [String] {
        func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
        return ["Explain (rank, route score = intent weight · intent + rest · relative passage score; passage score, passage, route, matched terms):"]
            + results.enumerated().map { rank, result in
            "  \(rank + 1). route \(rounded(result.routeScore)) (intent \(rounded(result.intent)))  passage \(rounded(result.score))  \(result.passage.id)  [\(result.passage.route)]  matched: \(result.matchedTerms.joined(separator: ", "))"
        } + [""]
    }
}
