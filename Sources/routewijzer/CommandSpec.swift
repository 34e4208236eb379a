/// One option of a command: its name, the value it takes (none for a flag) and its help.
///
/// Declared once per command, in the command's `spec`: the parser learns from it which options take a
/// value and which are unknown, and `--help` is written from it, so the three cannot drift apart.
struct Option: Sendable {
    let name: String
    /// The placeholder of the value (`N`, `FILE`), or `nil` for a flag.
    let value: String?
    /// Help text; each further line is a continuation, indented under the first.
    let help: String

    init(_ name: String, _ value: String? = nil, _ help: String) {
        self.name = name
        self.value = value
        self.help = help
    }

    static let knowledge = Option("--knowledge", "DIR", "Knowledge directory (default: ./Knowledge, then next to the executable).")
    static let dialogs = Option("--dialogs", "DIR", "Dialogs directory (default: ./Dialogs, then next to the executable).")
    static let k1 = Option("--k1", "X", "BM25 term saturation (default 1.2).")
    static let b = Option("--b", "X", "BM25 length normalisation, 0 to 1 (default 0.5).")
    static let fieldWeights = Option("--field-weights", "T,K,B", "Weights of title, keywords and body (default 2.5,2,1).")
    static let gemeente = Option("--gemeente", "NAAM", """
        The gemeente whose own desks the cards show, where Knowledge/gemeenten has them
        (also ROUTEWIJZER_GEMEENTE). In the chat, "ik woon in …" overrides it.
        """)
    /// Where the knowledge comes from and how it is ranked.
    static let ranking = [knowledge, k1, b, fieldWeights]
    /// Everything a conversation runs on.
    static let content = [knowledge, dialogs, k1, b, fieldWeights]
}

/// A command's name, how it is called, what it does, its options and notes: the whole of its help.
struct CommandSpec: Sendable {
    let name: String
    /// How it is called, such as `ask "vraag"` or `graph [FLOW]`.
    let synopsis: String
    let summary: String
    let options: [Option]
    /// Lines after the options: environment variables, signals, behaviour in a terminal.
    var notes: [String] = []

    private static let optionColumn = 29

    /// How it is called and what it does, on one line of the usage text.
    var summaryLine: String { Self.column("  " + synopsis, summary) }

    /// The command's block of the usage text: the summary line and every option.
    var help: String {
        var lines = [summaryLine]
        for option in options {
            let label = "      " + option.name + (option.value.map { " " + $0 } ?? "")
            let helpLines = option.help.split(separator: "\n", omittingEmptySubsequences: false)
            lines.append(Self.column(label, String(helpLines[0])))
            lines += helpLines.dropFirst().map { String(repeating: " ", count: Self.optionColumn) + $0 }
        }
        lines += notes.map { "      " + $0 }
        return lines.joined(separator: "\n")
    }

    /// `text` padded to the option column, then `help`; on a line of its own when `text` is too long.
    private static func column(_ text: String, _ help: String) -> String {
        guard text.count < optionColumn else { return text + "\n" + String(repeating: " ", count: optionColumn) + help }
        return text + String(repeating: " ", count: optionColumn - text.count) + help
    }
}
