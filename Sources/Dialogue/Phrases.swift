/// The fixed Dutch sentences of the engine (B1). Flow texts live in `Dialogs/`; these are the ones
/// every flow shares: commands, re-prompts, fallbacks.
enum Phrases {
    static let help = """
        Zo werkt het: vertel in uw eigen woorden wat er speelt. Ik stel een paar vragen en zeg waar u het beste terecht kunt.
        Kies een antwoord met het nummer, of typ het in uw eigen woorden.
        Dit kunt u altijd typen: 'terug' (vorige vraag), 'opnieuw' (opnieuw beginnen), 'mens' (met iemand praten), 'bronnen' (waar het advies vandaan komt), 'stop' (stoppen met een samenvatting), 'vergeet mij' (alles wissen).
        Bij direct gevaar belt u 112.
        """
    /// After "mens": the choice of people who can help; the chosen card says how to reach them.
    static let human = "U kunt ook met een mens praten. Wie wilt u bereiken? Ik laat zien hoe dat gaat."
    /// Where the conversation offers a person without waiting: how to ask for one.
    static let humanHint = "Praat u liever met een mens? Typ dan 'mens'. Een onafhankelijke cliëntondersteuner denkt gratis met u mee."
    static let goOnOption = Reply.Option(label: "Verder met mijn vraag", value: "anders")
    static let forgotten = "Ik heb dit gesprek gewist. Er is niets van bewaard. Tot ziens."
    static let restart = "We beginnen opnieuw."
    static let back = "We gaan een vraag terug."
    static let nothingToUndo = "Er is nog geen antwoord om terug te nemen."
    static let goOn = "Wilt u daarna verder met uw vraag? Dat kan hier."
    /// Asked when a message may be about danger but does not say it is happening now.
    static let safetyCheck = "Ik wil het even zeker weten: bent u, of is iemand anders, nu in gevaar? Bel dan meteen 112. Hieronder staat wie u verder kan helpen."
    static let notUnderstood = "Dat begreep ik niet helemaal."
    static let stillNotUnderstood = "Het lukt nog niet. U kunt deze vraag overslaan, of met een mens praten."
    static let skipped = "We slaan deze vraag over."
    static let skipOption = Reply.Option(label: "Sla deze vraag over", value: "overslaan")
    static let humanOption = Reply.Option(label: "Ik wil met een mens praten", value: "mens")
    static let clarify = "Ik weet nog niet zeker waar u het beste terecht kunt. Gaat het om een van deze?"
    /// "Iets anders" as the last option of a clarifying question, with the ways people say it.
    static let somethingElseOption = Step.Option(value: "anders", label: "Iets anders",
                                                 synonyms: ["geen van deze", "geen van allen", "niets"], target: nil, line: 0)
    static let somethingElse = Reply.Option(label: somethingElseOption.label, value: somethingElseOption.value)
    static let sideAnswer = "Daarover kan ik dit zeggen:"
    static let aboutAdvice = "Over het advies hierboven:"
    static let bestFit = "Dit past het best bij uw vraag:"
    static let nothingFound = "Daarover vond ik niets in mijn informatie."
    static let tellMore = "Vertel gerust in een paar woorden waar het om gaat."
    static let broken = "Hier loop ik vast. Dat ligt aan mij, niet aan u."
    static let goodbye = "Tot ziens. Veel sterkte."
    static let sources = "Hier komt mijn advies vandaan:"
    static let noSources = "Ik heb u nog geen advies gegeven, dus er zijn nog geen bronnen."

    static func alreadyTold(_ label: String) -> String { "U vertelde het al: \(label)." }

    static func alreadyToldAge(_ age: Int) -> String { "U vertelde het al: \(age) jaar." }

    /// The order of several needs, in the person's own words.
    static func plan(first: String?, then rest: [String]) -> String {
        let later = rest.map { "'\($0)'" }.joined(separator: ", daarna ")
        guard let first else { return "Ik hoor meer dan één vraag. Na deze vraag kijken we naar \(later)." }
        return "Ik hoor meer dan één vraag. We beginnen met '\(first)'. Daarna kijken we naar \(later)."
    }

    static func offerNeed(_ words: String) -> String { "U noemde ook '\(words)'. Zullen we daar nu naar kijken?" }

    static func alreadyCovered(_ words: String) -> String { "U noemde ook '\(words)'. Het advies hierboven gaat daar ook over." }

    static func hint(for expectation: Step.Expectation?) -> String {
        switch expectation {
        case .yesNo: "Antwoord met ja of nee. Weet u het niet? Typ dan 'weet ik niet'."
        case .number(let range): "Typ een getal van \(range.lowerBound) tot en met \(range.upperBound), of 'weet ik niet'."
        case .choice: "Kies een nummer, of typ het antwoord in uw eigen woorden. Weet u het niet? Typ dan 'weet ik niet'."
        default: "Typ uw antwoord in een paar woorden."
        }
    }
}
