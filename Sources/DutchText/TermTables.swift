/// The content-authored tables that tune analysis: stem overrides, synonyms and the lexicon.
///
/// They live as `.tsv` files in `Knowledge/` so that content authors, not programmers, decide that
/// "thuiszorg" should find wijkverpleging or that "gemeenten" and "gemeente" are one word.
public struct TermTables: Sendable, Equatable {
    /// A folded word and the stem it must get instead of the Snowball stem.
    public var stemOverrides: [String: String]
    /// Phrases clients use and the phrase the documents use for the same thing.
    public var synonyms: [Synonym]
    /// Dutch word forms and their lemmas (generated from OpenTaal).
    public var lexicon: DutchLexicon
    /// Context cue triggers: negation, time, person, aspect, clause boundaries.
    public var cues: [CueRule]

    public init(stemOverrides: [String: String] = [:], synonyms: [Synonym] = [], lexicon: DutchLexicon = .empty,
                cues: [CueRule] = []) {
        self.stemOverrides = stemOverrides
        self.synonyms = synonyms
        self.lexicon = lexicon
        self.cues = cues
    }

    public static let empty = TermTables()

    /// One synonym line: `canonical<TAB>variant, variant, ...`.
    public struct Synonym: Sendable, Equatable {
        public var canonical: String
        public var variants: [String]
        /// The line in the source file, for messages.
        public var line: Int
    }

    /// A problem in a table file, with the line it is on.
    public struct ParseError: Error, Equatable, Sendable {
        public var line: Int
        public var message: String
    }

    /// Parses a stem-override file: `word<TAB>stem` per line; `#` starts a comment line.
    public static func parseStemOverrides(_ text: String) throws(ParseError) -> [String: String] {
        var table: [String: String] = [:]
        for (line, fields) in try rows(of: text) {
            let word = TextNormalizer.fold(fields[0]), stem = TextNormalizer.fold(fields[1])
            guard !word.contains(" "), !stem.contains(" ") else {
                throw ParseError(line: line, message: "a stem override takes one word on each side")
            }
            table[word] = stem
        }
        return table
    }

    /// Parses a synonym file: `canonical<TAB>variant, variant, ...` per line.
    public static func parseSynonyms(_ text: String) throws(ParseError) -> [Synonym] {
        var synonyms: [Synonym] = []
        for (line, fields) in try rows(of: text) {
            let variants = fields[1].split(separator: ",").map { $0.trimmed() }.filter { !$0.isEmpty }
            guard !variants.isEmpty else {
                throw ParseError(line: line, message: "a synonym line needs at least one variant after the tab")
            }
            synonyms.append(Synonym(canonical: fields[0], variants: variants, line: line))
        }
        return synonyms
    }

    /// Parses a cue file: `kind<TAB>scope<TAB>trigger, trigger, ...` per line, with a kind and a scope
    /// from `CueKind` and `CueScope`; boundaries take the scope `-`.
    public static func parseCues(_ text: String) throws(ParseError) -> [CueRule] {
        var rules: [CueRule] = []
        for (line, fields) in try rows(of: text, columns: 3) {
            guard let kind = CueKind(rawValue: fields[0]) else {
                throw ParseError(line: line, message: "unknown cue kind \"\(fields[0])\"; known: "
                                 + CueKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard let scope = CueScope(rawValue: fields[1]) else {
                throw ParseError(line: line, message: "unknown scope \"\(fields[1])\"; known: "
                                 + CueScope.allCases.map(\.rawValue).joined(separator: ", "))
            }
            guard (kind == .boundary) == (scope == .none) else {
                throw ParseError(line: line, message: "a boundary takes the scope \"-\", and only a boundary does")
            }
            let triggers = fields[2].split(separator: ",").map { $0.trimmed() }.filter { !$0.isEmpty }
            guard !triggers.isEmpty else { throw ParseError(line: line, message: "a cue line needs at least one trigger") }
            rules += triggers.map { CueRule(kind: kind, scope: scope, trigger: $0, line: line) }
        }
        return rules
    }

    /// The non-comment lines of a tab-separated file with `columns` fields, numbered from 1.
    private static func rows(of text: String, columns: Int = 2) throws(ParseError) -> [(Int, [String])] {
        try text.tabRows.map { row throws(ParseError) in
            guard row.fields.count == columns, !row.fields.contains(where: \.isEmpty) else {
                throw ParseError(line: row.line, message: columns == 2 ? "expected two fields separated by one tab"
                                 : "expected \(columns) fields separated by tabs")
            }
            return (row.line, row.fields)
        }
    }
}

extension StringProtocol {
    /// The lines of a tab-separated content file that hold something: numbered from 1, with their
    /// fields trimmed; empty lines and `#` comments are skipped. Each table checks its own fields.
    public var tabRows: [(line: Int, fields: [String])] {
        lines.enumerated().compactMap { index, raw in
            let line = raw.trimmed()
            guard !line.isEmpty, !line.hasPrefix("#") else { return nil }
            return (index + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmed() })
        }
    }

    /// The lines of the text, split at "\n" and at "\r\n" (one `Character` in Swift, so splitting on
    /// "\n" alone would leave a Windows file in one piece). A final line break gives a final empty line.
    public var lines: [SubSequence] {
        split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }

    /// The text without leading and trailing white space (spaces, tabs, line breaks). Scans UTF-8
    /// bytes: every content line and every message passes through here, and white space is ASCII,
    /// so the cut always falls between scalars.
    public func trimmed() -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let text = String(self)
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(text[first..<bytes.index(after: last)])
    }
}
