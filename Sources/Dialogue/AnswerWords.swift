import DutchText

/// The words people answer with and the command words, from `Dialogs/woorden.tsv`: content, so a
/// writer adds "jep" or "stoppen" without a programmer. The rules that read them stay here.
public struct AnswerWords: Equatable, Sendable {
    public static let file = "woorden.tsv"

    /// Each kind of line, by its name in the file.
    enum Kind: String, CaseIterable {
        case help = "hulp", restart = "opnieuw", back = "terug", stop, human = "mens", forget = "vergeet", skip = "overslaan"
        case sources = "bronnen", yes = "ja", no = "nee", unsure = "twijfel", unknown = "weet-niet"
        case unknownFillers = "weet-niet-vulwoorden", openYes = "begin-ja", openNo = "begin-nee", openShort = "begin-kort"
        case somethingElse = "iets-anders"

        var command: Command? {
            switch self {
            case .help: .help
            case .restart: .restart
            case .back: .back
            case .stop: .stop
            case .human: .human
            case .forget: .forget
            case .skip: .skip
            case .sources: .sources
            default: nil
            }
        }
    }

    private var lists: [Kind: [String]] = [:]
    /// Command phrases, as folded words joined by spaces.
    private var commands: [String: Command] = [:]
    private var sets: [Kind: Set<String>] = [:]

    /// Parses `kind<TAB>phrase, phrase` lines. Every kind must be there once; a command phrase may
    /// belong to one command only.
    public static func parse(_ text: String, file: String) -> (words: AnswerWords, problems: [DialogError]) {
        var words = AnswerWords()
        var problems: [DialogError] = []
        for (line, parts) in text.tabRows {
            func fail(_ message: String) { problems.append(DialogError(file: file, line: line, message: message)) }
            guard parts.count == 2 else { fail("expected 'kind<TAB>word, word'"); continue }
            guard let kind = Kind(rawValue: parts[0]) else { fail("unknown kind '\(parts[0])'"); continue }
            guard words.lists[kind] == nil else { fail("kind '\(kind.rawValue)' appears twice"); continue }
            let phrases = parts[1].split(separator: ",").map { Tokenizer.plainWords(String($0)).joined(separator: " ") }.filter { !$0.isEmpty }
            guard !phrases.isEmpty else { fail("kind '\(kind.rawValue)' needs at least one word"); continue }
            words.lists[kind] = phrases
            words.sets[kind] = Set(phrases)
            guard let command = kind.command else { continue }
            for phrase in phrases {
                if let other = words.commands[phrase], other != command { fail("'\(phrase)' is already a command word of another command") }
                words.commands[phrase] = command
            }
        }
        for kind in Kind.allCases where words.lists[kind] == nil {
            problems.append(DialogError(file: file, line: 1, message: "kind '\(kind.rawValue)' is missing"))
        }
        return (words, problems)
    }

    private func contains(_ kind: Kind, _ word: String) -> Bool { sets[kind]?.contains(word) ?? false }

    /// Every word of the file, for the analyzer to know.
    var all: [String] { lists.values.flatMap { $0.flatMap { $0.split(separator: " ").map(String.init) } } }

    /// The ways to say "none of these", for a clarifying question's last option.
    var somethingElse: [String] { lists[.somethingElse] ?? [] }

    // MARK: Reading

    /// The command a whole line is, if it is one. Only a line that is just the command counts, so
    /// "ik wil stoppen met roken" stays a question. `words` are the plain words of the line.
    func command(_ words: [String]) -> Command? {
        guard words.count <= 4 else { return nil }
        return commands[words.joined(separator: " ")]
    }

    /// `ja` or `nee`. "nee hoor" and "liever niet" are no, "klopt" is yes; "klopt niet" is no; "weet ik
    /// niet" and "misschien" are not an answer, unless the line starts with ja or nee.
    func yesNo(_ words: [String]) -> String? {
        guard isBare(words) else { return nil }
        if let first = words.first, contains(.openYes, first) { return "ja" }
        if let first = words.first, contains(.openNo, first) { return "nee" }
        if words.contains(where: { contains(.unsure, $0) }) { return nil }
        guard let first = words.firstIndex(where: { contains(.yes, $0) || contains(.no, $0) }) else { return nil }
        if contains(.no, words[first]) { return "nee" }
        let negatedLater = words[(first + 1)...].contains { contains(.no, $0) }
        return negatedLater ? "nee" : "ja"
    }

    /// A message with content of its own is never read as a bare yes or no: "ik wil er niet meer
    /// zijn" is not "nee". A reply counts when it is a few words ("liever niet", "dat klopt wel"), or
    /// opens with ja or nee and stays short ("nee hoor, dat is niet nodig").
    func isBare(_ words: [String]) -> Bool {
        guard let first = words.first else { return true }
        let opens = contains(.openYes, first) || contains(.openNo, first) || contains(.openShort, first)
        return words.count <= AnswerReader.maximumBareWords || (words.count <= AnswerReader.maximumOpenedWords && opens)
    }

    /// Whether the person says they do not know ("weet ik niet", "geen idee", "misschien"), in a few words.
    func isUnknown(_ words: [String]) -> Bool {
        let trimmed = words.filter { !contains(.unknownFillers, $0) }.joined(separator: " ")
        return !trimmed.isEmpty && words.count <= 6 && contains(.unknown, trimmed)
    }
}
