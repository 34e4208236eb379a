import DutchText

/// The words that work in every state of every flow. Only a line that is just the command counts,
/// so "ik wil stoppen met roken" stays a question.
enum Command: Equatable {
    case help, restart, back, stop, human, forget, skip, sources

    static let phrases: [String: Command] = [
        "hulp": .help, "help": .help, "uitleg": .help,
        "opnieuw": .restart, "begin opnieuw": .restart, "opnieuw beginnen": .restart,
        "terug": .back, "vorige": .back, "ga terug": .back,
        "stop": .stop, "klaar": .stop, "stoppen": .stop, "einde": .stop, "doei": .stop, "exit": .stop, "quit": .stop,
        "dat was het": .stop, "dat was alles": .stop, "niets meer": .stop, "niks meer": .stop,
        "mens": .human, "medewerker": .human, "een mens": .human, "mens spreken": .human, "een medewerker": .human,
        "vergeet mij": .forget, "vergeet me": .forget, "wis mijn gegevens": .forget, "wis alles": .forget,
        "overslaan": .skip, "sla over": .skip,
        "bronnen": .sources, "bron": .sources, "toon bronnen": .sources, "welke bronnen": .sources,
    ]

    /// `words` are the plain words of the line (`Tokenizer.plainWords`).
    init?(_ words: [String]) {
        guard words.count <= 3, let command = Self.phrases[words.joined(separator: " ")] else { return nil }
        self = command
    }
}
