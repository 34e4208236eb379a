import DutchText
import Retrieval

/// `routewijzer analyze`: shows what the analyzer makes of text, so a content author can see why a
/// question does or does not match. `--stems` is the bare Snowball algorithm, one word per line;
/// `--safety` adds what the safety layer concluded and which signal or classifier score fired.
enum AnalyzeCommand {
    static let spec = CommandSpec(
        name: "analyze", synopsis: "analyze",
        summary: "Analyse lines from standard input: tokens, lemmas, stems, compounds, synonyms, clauses, cues.",
        options: [
            Option("--stems", nil, "One word per line in, its Snowball stem out (the bare algorithm)."),
            Option("--safety", nil, "Also what the safety layer concludes, and which signal or classifier score fired."),
            Option.knowledge,
        ])

    static func run(_ arguments: Arguments) throws(CLIError) {
        guard arguments.positional.isEmpty else { throw .usage("analyze reads its lines from standard input") }
        if arguments.has("--stems") {
            while let line = readLine() { Console.out(DutchStemmer.stem(line.trimmed())) }
            return
        }
        let knowledge = try LoadedKnowledge(arguments, safety: arguments.has("--safety"))
        let analyzer = knowledge.index.analyzer
        while let line = readLine() {
            let words = analyzer.analyze(line)
            let terms = analyzer.analyzeQuery(words: words, vocabulary: knowledge.index.vocabulary)
            Console.out(terms.map(describe).joined(separator: "  "))
            let context = analyzer.context(of: words)
            for clause in describe(context, words: words) { Console.out("  " + clause) }
            if let safetyNet = knowledge.safetyNet {
                let assessment = safetyNet.assess(words, context: context)
                let categories = assessment.categories.isEmpty ? "" : " (" + assessment.categories.joined(separator: ", ") + ")"
                Console.out("  veiligheid: \(assessment.outcome.rawValue)\(categories)")
                for line in SafetyReport.evidence(assessment) { Console.out("    " + line) }
            }
        }
    }

    /// One line per clause: its words, then each cue as `kind: trigger`, with `→ words` for the
    /// words a negation reaches.
    static func describe(_ reading: ContextReading, words: [AnalyzedTerm]) -> [String] {
        var surface: [Int: String] = [:]
        for word in words where word.origin == .word { surface[word.position] = word.surface }
        func text(_ range: Range<Int>) -> String { range.compactMap { surface[$0] }.joined(separator: " ") }
        return reading.clauses.enumerated().map { number, clause in
            let cues = reading.cues(in: clause).map { cue in
                "\(cue.kind.rawValue): \(cue.trigger)" + (cue.kind == .negation ? " → " + text(cue.scope) : "")
            }
            return "zin \(number + 1): \(text(clause))" + (cues.isEmpty ? "" : "  [" + cues.joined(separator: " · ") + "]")
        }
    }

    /// `surface→stem`, or `surface→lemma→stem` when the lexicon gave another lemma, then what is
    /// special about the term: stop word, negation, or how it was derived.
    static func describe(_ term: AnalyzedTerm) -> String {
        let steps = [term.surface] + (term.lemma != term.surface && term.lemma != term.stem ? [term.lemma] : []) + [term.stem]
        var text = steps.count == 2 && steps[0] == steps[1] ? term.surface : steps.joined(separator: "→")
        var marks: [String] = []
        if term.isStopWord { marks.append("stop") }
        if term.isNegation { marks.append("negation") }
        if term.origin != .word { marks.append("\(term.origin.rawValue) \(term.weight)") }
        if !marks.isEmpty { text += "(\(marks.joined(separator: ", ")))" }
        return term.origin == .word || term.origin == .joined ? text : "+" + text
    }
}
