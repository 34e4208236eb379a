import Retrieval

/// All flows of a dialogue: the intake where conversations start, the other flows, and the safety net.
public struct DialogSet: Sendable {
    public static let intakeID = "intake"
    /// The intake's question after advice ("Kan ik nog iets voor u uitzoeken?"): a flow that ends
    /// with nothing left to take up comes back here, so the conversation stays open. Without it, the
    /// first advice ends the conversation (small test content does that).
    public static let moreStepID = "meer"
    /// The intake's step that closes the conversation: with a `meer` step, only its `end:` ends it.
    public static let closingStepID = "afsluiten"

    /// Flows in file order (the order matters for trigger ties and safety categories).
    public var flows: [Flow]
    /// The engine's fixed sentences (`zinnen.tsv`).
    public var phrases: Phrases
    /// The words of answers and commands (`woorden.tsv`).
    public var words: AnswerWords

    public init(flows: [Flow], phrases: Phrases, words: AnswerWords) {
        self.flows = flows
        self.phrases = phrases
        self.words = words
    }

    public func flow(_ id: String) -> Flow? { flows.first { $0.id == id } }

    public var intake: Flow? { flow(Self.intakeID) }

    /// The flow that takes up each route (`routes:` in a flow's front matter), the first one named.
    public var flowsByRoute: [String: String] {
        var map: [String: String] = [:]
        for flow in flows { for route in flow.routes where map[route] == nil { map[route] = flow.id } }
        return map
    }

    /// The safety flow, if the content has one.
    public var safety: Flow? { flows.first { $0.kind == .safety } }

    /// Parses every `.md` file, `zinnen.tsv` and `woorden.tsv`; files that fail are reported and left
    /// out, so one broken file does not hide the problems of the others.
    public static func parse(_ files: [SourceFile]) -> (dialogs: DialogSet, problems: [DialogError]) {
        var flows: [Flow] = []
        var problems: [DialogError] = []
        for file in files where file.path.hasSuffix(".md") {
            do {
                flows.append(try FlowParser.parse(file.text, path: file.path))
            } catch {
                problems.append(error)
            }
        }
        func text(of name: String) -> String {
            guard let file = files.first(where: { $0.path == name || $0.path.hasSuffix("/" + name) }) else {
                problems.append(DialogError(file: name, line: 1, message: "missing: the engine's \(name == Phrases.file ? "sentences" : "answer words") live here"))
                return ""
            }
            return file.text
        }
        let (phrases, phraseProblems) = Phrases.parse(text(of: Phrases.file), file: Phrases.file)
        let (words, wordProblems) = AnswerWords.parse(text(of: AnswerWords.file), file: AnswerWords.file)
        return (DialogSet(flows: flows, phrases: phrases, words: words), problems + phraseProblems + wordProblems)
    }
}
