import DutchText

/// Reads the answer to a question from what a person typed, or says it is not an answer.
enum AnswerReader {
    static let yesWords: Set<String> = [
        "ja", "jazeker", "jawel", "jep", "jup", "klopt", "zeker", "inderdaad", "graag", "yes", "ok", "oke", "okay",
        "prima", "goed", "absoluut", "natuurlijk", "wel", "j", "soms", "vaak", "regelmatig",
    ]
    static let noWords: Set<String> = ["nee", "neen", "nope", "no", "niet", "nooit", "geen", "neuh", "nah", "nein", "n"]
    /// Said when someone does not know: not an answer either way.
    static let unsureWords: Set<String> = ["misschien", "weet", "idee", "twijfel", "idk", "onbekend", "benul"]
    /// The ways people say they do not know, as folded phrases; every question has a path for them.
    static let unknownPhrases: [[String]] = [
        ["weet", "ik", "niet"], ["weet", "niet"], ["geen", "idee"], ["geen", "flauw", "idee"], ["idk"], ["onbekend"],
        ["weet", "ik", "nog", "niet"], ["geen", "benul"], ["ik", "weet", "het", "niet"], ["geen", "flauw", "benul"],
        ["weet", "ik", "veel"], ["misschien"], ["twijfel"], ["ik", "twijfel"], ["dat", "weet", "ik", "niet"],
    ]
    /// The value an unknown answer is stored under: no `if:` tests it, so `goto:` decides.
    static let unknownValue = "weet-niet"

    /// Whether the person says they do not know ("weet ik niet", "geen idee", "misschien"), in a few words.
    static func isUnknown(_ words: [String]) -> Bool {
        let trimmed = words.filter { !["nee", "hoor", "eigenlijk", "echt", "ook", "nog", "zo", "ehh", "eh", "uh"].contains($0) }
        return !trimmed.isEmpty && trimmed.count <= 5 && unknownPhrases.contains { $0 == trimmed }
    }

    /// `ja` or `nee`. "nee hoor" and "liever niet" are no, "klopt" is yes; "klopt niet" is no; "weet ik
    /// niet" and "misschien" are not an answer, unless the line starts with ja or nee.
    /// `words` are the plain words of the answer (`Tokenizer.plainWords`).
    static func yesNo(_ words: [String]) -> String? {
        guard isBare(words) else { return nil }
        if let first = words.first, ["ja", "nee", "neen", "jazeker"].contains(first) { return first.hasPrefix("ja") ? "ja" : "nee" }
        if words.contains(where: unsureWords.contains) { return nil }
        guard let first = words.firstIndex(where: { yesWords.contains($0) || noWords.contains($0) }) else { return nil }
        if noWords.contains(words[first]) { return "nee" }
        let negatedLater = words[(first + 1)...].contains { noWords.contains($0) }
        return negatedLater && words[first] != "ja" ? "nee" : "ja"
    }

    /// A message with content of its own is never read as a bare yes or no: "ik wil er niet meer
    /// zijn" is not "nee". A reply counts when it is a few words ("liever niet", "dat klopt wel"), or
    /// opens with ja or nee and stays short ("nee hoor, dat is niet nodig").
    static func isBare(_ words: [String]) -> Bool {
        words.count <= maximumBareWords
            || (words.count <= maximumOpenedWords && ["ja", "nee", "neen", "jazeker", "klopt"].contains(words[0]))
    }

    static let maximumBareWords = 3
    static let maximumOpenedWords = 8
    /// A longer message is a story of its own, not the choice of an option: it gets the side-question
    /// treatment and the question again, so that words it shares with an option never carry a
    /// conversation past what the person is telling.
    static let maximumChoiceWords = 12

    /// The first whole number among the words, when it lies in `range`.
    /// Digits or a number word ("zeventien", "vierentachtig").
    static func number(_ words: [String], in range: ClosedRange<Int>) -> Int? {
        guard let number = words.lazy.compactMap({ Int($0) ?? NumberWords.value($0) }).first, range.contains(number) else { return nil }
        return number
    }

    /// The age a story tells, when it tells one: "mijn zoon van 15", "ik word volgende maand 18"
    /// (then 17, turning 18), "hij is zeventien", "mijn vader van 84". Two different ages, or none,
    /// give nil: then the question is asked.
    static func age(in words: [String]) -> Int? {
        var ages: Set<Int> = []
        for (index, word) in words.enumerated() {
            guard let number = Int(word) ?? (["een", "één"].contains(word) ? nil : NumberWords.value(word)), (0...120).contains(number)
            else { continue }
            let next = index + 1 < words.count ? words[index + 1] : ""
            let window = words[max(0, index - 3)..<index]
            if next == "jaar" && index + 2 < words.count && words[index + 2] == "oud" || next.hasPrefix("jarig") {
                ages.insert(number)
            } else if ["word", "wordt"].contains(where: window.contains) && !ageUnits.contains(next) {
                ages.insert(max(0, number - 1))
            } else if let previous = window.last, ["van", "is", "ben"].contains(previous), !ageUnits.contains(next) {
                ages.insert(number)
            }
        }
        return ages.count == 1 ? ages.first : nil
    }

    private static let ageUnits: Set<String> = [
        "weken", "week", "maanden", "maand", "dagen", "dag", "uur", "euro", "keer", "procent", "kilo", "kinderen", "mensen",
    ]

    /// The options of one question, analysed once: their exact forms and the words of each phrase.
    struct Choices: Sendable {
        var exact: [Set<String>]
        var phrases: [[[Lexicon.ID]]]

        init(exact: [Set<String>], phrases: [[[Lexicon.ID]]]) {
            self.exact = exact
            self.phrases = phrases
        }

        init(_ options: [Step.Option], analyzer: Analyzer, lexicon: inout Lexicon) {
            exact = options.map { Set($0.phrases.map { Tokenizer.plainWords($0).joined(separator: " ") }) }
            phrases = options.map { $0.phrases.map { lexicon.ids(of: MatchWord.contentWords(of: $0, analyzer: analyzer)) } }
        }

        /// These choices followed by `other`'s.
        static func + (lhs: Choices, rhs: Choices) -> Choices {
            Choices(exact: lhs.exact + rhs.exact, phrases: lhs.phrases + rhs.phrases)
        }
    }

    /// The option meant by the text: its number, or the option whose value, label or synonym matches
    /// best, allowing for inflection, compounds and small typos. A tie is not an answer.
    /// `minimumScore` 0.8 lets one slightly misspelled word choose; 1.5 asks for a whole phrase, for
    /// reading an answer from a story told before the question was asked.
    static func choice(_ input: AnalysedInput, among choices: Choices, minimumScore: Double = 0.8) -> Int? {
        if minimumScore <= 0.8, let number = optionNumber(input.plainWords), choices.exact.indices.contains(number - 1) { return number - 1 }
        let folded = input.plainWords.joined(separator: " ")
        if let exact = choices.exact.firstIndex(where: { $0.contains(folded) }) { return exact }
        let contentOnly = !input.onlyStopWords
        let scores = choices.phrases.map { phrases in phrases.map { score($0, against: input, contentOnly: contentOnly) }.max() ?? 0 }
        guard let best = scores.indices.max(by: { scores[$0] < scores[$1] }), scores[best] >= minimumScore,
              scores.filter({ $0 == scores[best] }).count == 1 else { return nil }
        return best
    }

    /// The summed best score of the phrase's words, with a bonus when every word is there.
    private static func score(_ phrase: [Lexicon.ID], against input: AnalysedInput, contentOnly: Bool) -> Double {
        guard !phrase.isEmpty else { return 0 }
        var total = 0.0
        var all = true
        for id in phrase {
            let score = input.bestScore(of: id, contentOnly: contentOnly)
            total += score
            all = all && score > 0
        }
        return all ? total + 0.5 : total
    }

    /// "2", "2.", "optie 2", "nummer 2".
    static func optionNumber(_ words: [String]) -> Int? {
        let words = words.filter { $0 != "optie" && $0 != "nummer" && $0 != "keuze" }
        return words.count == 1 ? Int(words[0]) : nil
    }
}
