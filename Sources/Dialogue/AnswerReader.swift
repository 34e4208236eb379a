import DutchText

/// Reads the answer to a question from what a person typed, or says it is not an answer. The word
/// lists (yes, no, not knowing) are content: `AnswerWords`.
enum AnswerReader {
    /// The value an unknown answer ("weet ik niet") is stored under: no `if:` tests it, so `goto:` decides.
    static let unknownValue = "weet-niet"

    static let maximumBareWords = 3
    static let maximumOpenedWords = 8
    /// A longer message is a story of its own, not the choice of an option: it gets the side-question
    /// treatment and the question again, so that words it shares with an option never carry a
    /// conversation past what the person is telling.
    static let maximumChoiceWords = 12

    /// The first whole number among the words, when it lies in `range`.
    /// Digits or a number word ("zeventien", "vierentachtig"); digits win over words, and "een" counts
    /// only alone ("een jaar of veertien" is fourteen). A number after "wordt" is an age still to come:
    /// "hij wordt in mei 18" is 17 now.
    static func number(_ words: [String], in range: ClosedRange<Int>) -> Int? {
        let digits = words.indices.first { Int(words[$0]) != nil }
        let spelled = words.indices.first { !articles.contains(words[$0]) && NumberWords.value(words[$0]) != nil }
        guard let index = digits ?? spelled ?? (words.count == 1 ? words.indices.first { NumberWords.value(words[$0]) != nil } : nil),
              var number = Int(words[index]) ?? NumberWords.value(words[index]) else { return nil }
        if turning(words[max(0, index - 4)..<index]) { number -= 1 }
        return range.contains(number) ? number : nil
    }

    /// The age a story tells, when it tells one: "mijn zoon van 15", "mijn zoon (14, autisme)",
    /// "ik word volgende maand 18" and "is bijna 18" (then 17), "hij is zeventien", "mijn vader van 84".
    /// Two different ages, or none, give nil: then the question is asked.
    static func age(in words: [String]) -> Int? {
        var ages: Set<Int> = []
        for (index, word) in words.enumerated() {
            guard let number = Int(word) ?? (articles.contains(word) ? nil : NumberWords.value(word)), (0...120).contains(number)
            else { continue }
            let next = index + 1 < words.count ? words[index + 1] : ""
            let window = words[max(0, index - 4)..<index]
            guard !ageUnits.contains(next) else { continue }
            if next == "jaar" && index + 2 < words.count && words[index + 2] == "oud" || next.hasPrefix("jarig") {
                ages.insert(number)
            } else if turning(window) {
                ages.insert(max(0, number - 1))
            } else if let previous = window.last, ["van", "is", "ben"].contains(previous) || persons.contains(previous) {
                ages.insert(number)
            }
        }
        return ages.count == 1 ? ages.first : nil
    }

    /// Whether the words before a number say the age is still to come: "wordt (in mei) 18", "bijna 18".
    private static func turning(_ before: ArraySlice<String>) -> Bool {
        before.last == "bijna" || before.contains { ["word", "wordt", "worden"].contains($0) }
    }

    private static let articles: Set<String> = ["een", "één"]
    /// People a number right after names the age of: "mijn zoon (14, autisme)".
    private static let persons: Set<String> = [
        "zoon", "dochter", "kind", "vader", "moeder", "zus", "broer", "man", "vrouw", "partner", "oma", "opa", "neef", "nicht",
        "kleinzoon", "kleindochter", "jongen", "meisje", "tante", "oom", "buurman", "buurvrouw",
    ]

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
