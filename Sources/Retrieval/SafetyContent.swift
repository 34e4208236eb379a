import DutchText

/// A kind of acute danger the safety net recognises, from `Knowledge/veiligheid/categorieen.tsv`:
/// `id<TAB>naam<TAB>document, document`. The documents' contact lines make the crisis card, first
/// the one to call now; they carry their own sources and dates.
public struct SafetyCategory: Equatable, Sendable {
    public var id: String
    /// The Dutch name shown on the crisis card ("Gedachten aan zelfdoding").
    public var name: String
    /// Knowledge documents whose contact lines the crisis card shows.
    public var documents: [String]
    public var line: Int

    /// The label of the safety corpus's ordinary lines: not a category.
    public static let none = "geen"

    public static func parseList(_ text: String, file: String) throws(KnowledgeError) -> [SafetyCategory] {
        var categories: [SafetyCategory] = []
        for (index, raw) in text.lines.enumerated() {
            let line = raw.trimmed()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t").map { $0.trimmed() }
            let documents = fields.count == 3 ? fields[2].split(separator: ",").map { $0.trimmed() }.filter { !$0.isEmpty } : []
            guard fields.count == 3, !fields[0].isEmpty, !fields[1].isEmpty, !documents.isEmpty, fields[0] != none else {
                throw KnowledgeError(file: file, line: index + 1, message: "expected 'id<TAB>naam<TAB>document, document'")
            }
            categories.append(SafetyCategory(id: fields[0], name: fields[1], documents: documents, line: index + 1))
        }
        return categories
    }
}

/// A cue of acute danger, from `Knowledge/veiligheid/signalen.tsv`: `categorie<TAB>signaal, signaal`.
/// A signal is a few words that must all occur in one clause, in any order ("knijpen keel" finds
/// "hij knijpt mijn keel dicht"). Words meet on their lemma or their exact form, never on a stem or
/// a compound part, so "afgeslagen" is not "slaan"; a word ending in `*` matches every word that
/// starts with it ("zelfmoord*": zelfmoordgedachten).
public struct SafetySignal: Equatable, Sendable {
    public var category: String
    /// The words as written, folded.
    public var words: [String]
    public var line: Int

    public static func parseList(_ text: String, file: String) throws(KnowledgeError) -> [SafetySignal] {
        var signals: [SafetySignal] = []
        for (index, raw) in text.lines.enumerated() {
            let line = raw.trimmed()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmed() }
            guard fields.count == 2, !fields[0].isEmpty else {
                throw KnowledgeError(file: file, line: index + 1, message: "expected 'categorie<TAB>signaal, signaal'")
            }
            for phrase in fields[1].split(separator: ",") {
                let words = phrase.split(separator: " ").map { word in
                    word.hasSuffix("*") ? Tokenizer.plainWords(String(word.dropLast())).joined() + "*" : Tokenizer.plainWords(String(word)).joined()
                }.filter { !$0.isEmpty && $0 != "*" }
                guard !words.isEmpty else { continue }
                signals.append(SafetySignal(category: fields[0], words: words, line: index + 1))
            }
        }
        return signals
    }
}
