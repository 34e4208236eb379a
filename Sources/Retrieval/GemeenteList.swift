import DutchText

/// A gemeente of the Netherlands, as the sourced list gives it (`gemeenten/gemeenten.tsv`).
public struct Gemeente: Equatable, Sendable {
    public var name: String
    /// The CBS code, such as GM0855.
    public var code: String
    public var province: String?
    /// The zorgkantoorregio the gemeente belongs to: it decides the zorgkantoor, not the insurer.
    public var zorgkantoorRegion: String?
}

/// Every current gemeente, found by the names people write: "Den Haag" for 's-Gravenhage, "den bosch",
/// without capitals, apostrophes or diacritics; and, when the list has them, woonplaatsen that lie in
/// a gemeente of another name (`gemeenten/woonplaatsen.tsv`).
public struct GemeenteList: Equatable, Sendable {
    public static let file = LocalOverlay.directory + "gemeenten.tsv"
    public static let placesFile = LocalOverlay.directory + "woonplaatsen.tsv"
    public static let empty = GemeenteList(gemeenten: [])

    public private(set) var gemeenten: [Gemeente]
    /// Folded name → index in `gemeenten`.
    private var byKey: [String: Int] = [:]
    /// The most words any name has, which bounds the search in a message.
    private var longestName = 1

    /// Names in common use for gemeenten whose official name is another.
    private static let commonNames = ["'s-Gravenhage": ["Den Haag"], "'s-Hertogenbosch": ["Den Bosch"]]

    public init(gemeenten: [Gemeente]) {
        self.gemeenten = gemeenten
        for (index, gemeente) in gemeenten.enumerated() {
            for name in [gemeente.name] + (Self.commonNames[gemeente.name] ?? []) { add(name, index) }
        }
    }

    private mutating func add(_ name: String, _ index: Int) {
        let key = Self.key(name)
        guard byKey[key] == nil else { return }
        byKey[key] = index
        longestName = max(longestName, key.split(separator: " ").count)
    }

    /// `naam<TAB>code<TAB>provincie<TAB>zorgkantoorregio[<TAB>…]`, `-` for a value the source lacks.
    public static func parse(_ text: String, file: String) throws(KnowledgeError) -> GemeenteList {
        var gemeenten: [Gemeente] = []
        for (index, line) in text.lines.enumerated() where !line.trimmed().isEmpty && !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmed() }
            guard fields.count >= 4, !fields[0].isEmpty, !fields[1].isEmpty else {
                throw KnowledgeError(file: file, line: index + 1, message: "expected 'naam<TAB>code<TAB>provincie<TAB>zorgkantoorregio'")
            }
            let optional = { (value: String) in value == "-" || value.isEmpty ? nil : value }
            gemeenten.append(Gemeente(name: fields[0], code: fields[1], province: optional(fields[2]), zorgkantoorRegion: optional(fields[3])))
        }
        return GemeenteList(gemeenten: gemeenten)
    }

    /// Adds `woonplaats<TAB>gemeente` lines: places found as the gemeente they lie in.
    public mutating func addPlaces(_ text: String, file: String) throws(KnowledgeError) {
        for (index, line) in text.lines.enumerated() where !line.trimmed().isEmpty && !line.hasPrefix("#") {
            let fields = line.split(separator: "\t").map { $0.trimmed() }
            guard fields.count == 2, let gemeente = byKey[Self.key(fields[1])] else {
                throw KnowledgeError(file: file, line: index + 1, message: "expected 'woonplaats<TAB>gemeente' with a gemeente from \(Self.file)")
            }
            add(fields[0], gemeente)
        }
    }

    public var isEmpty: Bool { gemeenten.isEmpty }

    /// The gemeente called `name` (or a woonplaats in it), however it is written.
    public func named(_ name: String) -> Gemeente? {
        byKey[Self.key(name)].map { gemeenten[$0] }
    }

    /// The key a name is found by: folded, apostrophes dropped, hyphens as spaces, one space between words.
    public static func key(_ name: String) -> String {
        TextNormalizer.fold(name).replacing("’", with: "'").replacing("'", with: "")
            .split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: " ")
    }

    /// The gemeente where the writer says they (or the person they write about) live: "ik woon in
    /// Tilburg", "wij wonen in Den Bosch", "gemeente Dinkelland", "in Amersfoort". A name that is also
    /// a Dutch word ("Best", "Putten") counts only after "woon… in/te" or "gemeente", never after a bare
    /// "in": "ik doe mijn best" names no place. A name that is a function word (the village Een) never
    /// counts. `isWord` says which are words.
    public func mentioned(in text: String, isWord: (String) -> Bool) -> Gemeente? {
        mentioned(inWords: Tokenizer.plainWords(text), isWord: isWord)
    }

    /// `mentioned(in:isWord:)` on the text's folded words (`Tokenizer.plainWords`), which a turn has
    /// already: they split at hyphens and apostrophes as `key` does.
    public func mentioned(inWords words: [String], isWord: (String) -> Bool) -> Gemeente? {
        // Where someone lives outweighs where they work or go: "ik werk in Amsterdam maar woon in Almere".
        place(in: words, cues: [.strong], isWord: isWord) ?? place(in: words, cues: [.weak], isWord: isWord)
    }

    /// The first gemeente named after one of `cues`, the longest name first.
    private func place(in words: [String], cues: Set<Cue>, isWord: (String) -> Bool) -> Gemeente? {
        for start in words.indices {
            guard let cue = Self.cue(words[..<start].suffix(3)), cues.contains(cue) else { continue }
            for length in stride(from: min(longestName, words.count - start), through: 1, by: -1) {
                let name = words[start..<(start + length)].joined(separator: " ")
                guard let index = byKey[name] else { continue }
                // "ik woon in een huis" names no village Een: a function word never counts as a place, nor
                // does the country ("ik woon in Nederland" is not the village in Steenwijkerland).
                if length == 1 && (StopWords.contains(name) || Self.country.contains(name) || (cue == .weak && isWord(name))) { continue }
                return gemeenten[index]
            }
        }
        return nil
    }

    /// Names of the country that are also woonplaatsen.
    static let country: Set<String> = ["nederland"]

    private enum Cue { case strong, weak }

    /// What precedes a place name: "woon(t/en) … in/te", "woonachtig in", "gemeente" are strong; a bare
    /// "in", "uit" or "te" is weak.
    private static func cue(_ before: ArraySlice<String>) -> Cue? {
        guard let last = before.last else { return nil }
        if last == "gemeente" { return .strong }
        guard ["in", "te", "uit"].contains(last) else { return nil }
        let living: Set<String> = ["woon", "woont", "wonen", "woonde", "woonachtig", "wonend", "verhuisd", "verhuizen", "kom", "komen", "komt"]
        return before.dropLast().contains(where: living.contains) ? .strong : .weak
    }
}
