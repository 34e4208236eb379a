import DutchText

/// Questions that lean on what was just said: "wat kost dat?", "hoe vraag ik dat aan?", "en als dat
/// niet lukt?" ask about the advice just given; "wat is een wlz-indicatie eigenlijk?" asks what a word
/// means. People ask these in the middle of a flow; they are answered there, and the question that
/// was waiting is asked again.
enum FollowUpReader {
    enum FollowUp: Equatable {
        /// About the advice just given; the words are the question.
        case aboutAdvice
        /// What a word or term means.
        case definition(String)
    }

    /// A follow-up is short: a longer message tells something new.
    static let maximumWords = 9
    /// Words that point back at the advice.
    static let references: Set<String> = ["dat", "dit", "die", "deze", "daar", "daarvoor", "ervoor", "hiervoor", "daarmee", "dan", "het"]
    /// Words a follow-up question opens with.
    static let questionWords: Set<String> = [
        "wat", "hoe", "waar", "wie", "wanneer", "welke", "hoelang", "hoeveel", "kan", "kun", "moet", "mag", "krijg", "en", "is", "duurt",
    ]
    /// Openings of a question about a word: "wat is (een) …", "wat betekent …", "wat houdt … in".
    static let definitionOpenings: [[String]] = [["wat", "is"], ["wat", "zijn"], ["wat", "betekent"], ["wat", "houdt"], ["wat", "bedoel", "je", "met"]]
    static let fillers: Set<String> = ["een", "de", "het", "eigenlijk", "precies", "nou", "dan", "dat", "in", "nog", "u", "met"]

    /// Words of the section headings of Knowledge documents that answer each aspect of a question
    /// ("Wat kost het", "Hoe vraagt u het aan", "Als het niet lukt"): a follow-up about costs is
    /// answered from the costs section of the advice.
    static func headings(for aspects: Set<CueKind>) -> [String] {
        var words: [String] = []
        if aspects.contains(.costs) { words += ["kost", "betaal", "bijdrage"] }
        if aspects.contains(.applying) { words += ["aanvra", "vraagt", "aanpak", "pakt"] }
        if aspects.contains(.objection) || aspects.contains(.complaint) { words += ["niet lukt", "bezwaar", "klacht"] }
        if aspects.contains(.waiting) { words += ["duurt", "wacht"] }
        return words
    }

    /// `words` are the plain words of the input (`Tokenizer.plainWords`).
    static func read(_ words: [String]) -> FollowUp? {
        guard !words.isEmpty, words.count <= maximumWords else { return nil }
        for opening in definitionOpenings where words.starts(with: opening) {
            let term = words.dropFirst(opening.count).filter { !fillers.contains($0) }
            // "wat is dat?" points back; "wat is een pgb?" names a term.
            if !term.isEmpty && !term.allSatisfy(references.contains) { return .definition(term.joined(separator: " ")) }
        }
        guard questionWords.contains(words[0]), words.contains(where: references.contains) else { return nil }
        return .aboutAdvice
    }
}
