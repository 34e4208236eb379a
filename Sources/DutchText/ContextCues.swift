/// What a context cue says about the words it reaches. The raw values are the names content authors
/// write in `Knowledge/cues.tsv`.
///
/// The idea is ConText (Harkema et al., 2009, and its Dutch reading in clinlp): a short list of trigger
/// phrases, each reaching forward or backward to the end of its clause, marks words as negated, past,
/// hypothetical or about someone else. Routewijzer adds the aspect of a question (objecting, complaining,
/// costs, applying, waiting) and the age group of the person it is about, because those decide the desk
/// as much as the topic does.
public enum CueKind: String, CaseIterable, Sendable, Comparable {
    /// "geen", "niet", "nooit": the words in scope are denied.
    case negation = "ontkenning"
    /// "vorig jaar", "vroeger": the clause tells what happened before.
    case past = "verleden"
    /// "stel dat", "als" at the start of a clause: the clause is a supposition.
    case hypothetical = "hypothetisch"
    /// "ik", "mij": the writer speaks about themselves.
    case writer = "schrijver"
    /// "moeder", "buurvrouw": the clause is about someone else.
    case otherPerson = "ander"
    /// Objecting to a decision: "afgewezen", "niet eens met".
    case objection = "bezwaar"
    /// Complaining about how one was treated: "klacht", "onbeschoft".
    case complaint = "klacht"
    /// What something costs or who pays: "eigen bijdrage", "vergoed".
    case costs = "kosten"
    /// Asking for something: "aanvragen", "hoe kom ik aan".
    case applying = "aanvragen"
    /// Waiting for help: "wachtlijst", "duurt lang".
    case waiting = "wachten"
    /// The person is a child: "baby", "puber", an age under 18.
    case child = "kind"
    /// The person is an adult under 65: an age from 18 to 64.
    case adult = "volwassene"
    /// The person is older: "oma", "bejaard", an age of 65 or more.
    case olderPerson = "oudere"
    /// Not a cue but a clause boundary: "maar", "omdat". A cue does not reach past it.
    case boundary = "grens"

    public static func < (left: CueKind, right: CueKind) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }
}

/// Which words a cue reaches, counted within the clause of its trigger.
public enum CueScope: String, CaseIterable, Sendable {
    /// From after the trigger to the end of the clause: "geen hulp meer".
    case forward = "vooruit"
    /// From the start of the clause up to the trigger: "schulden heb ik niet".
    case backward = "terug"
    /// The whole clause: time, person and aspect cues.
    case clause = "zin"
    /// The whole clause, but only when the trigger opens it: "als ik ..." is a supposition,
    /// "werk als vrijwilliger" is not.
    case clauseStart = "zinsbegin"
    /// Written for boundaries, which reach nothing.
    case none = "-"
}

/// One line of `Knowledge/cues.tsv`, with one trigger phrase.
public struct CueRule: Sendable, Equatable {
    public var kind: CueKind
    public var scope: CueScope
    /// The phrase as written; matched word by word on stems, and on the exact form for stop words.
    public var trigger: String
    /// The line in the source file, for messages.
    public var line: Int

    public init(kind: CueKind, scope: CueScope, trigger: String, line: Int) {
        self.kind = kind
        self.scope = scope
        self.trigger = trigger
        self.line = line
    }
}

/// The context cues found in one text, and its clauses.
public struct ContextReading: Equatable, Sendable {
    /// One cue in the text.
    public struct Cue: Equatable, Sendable {
        public var kind: CueKind
        /// The words of the text that triggered it ("niet", "vorig jaar", "16 jaar").
        public var trigger: String
        /// The position of the trigger's first word.
        public var position: Int
        /// The word positions the cue reaches.
        public var scope: Range<Int>
    }

    /// The clauses as ranges of word positions, in order; together they cover every word.
    public let clauses: [Range<Int>]
    /// Every cue, in the order of its trigger; boundaries are not listed.
    public let cues: [Cue]
    /// The positions negations reach, as sorted disjoint ranges: every word asks whether it is negated,
    /// and a long text must not cost the product of its words and its negations.
    private let negated: [Range<Int>]

    public init(clauses: [Range<Int>], cues: [Cue]) {
        self.clauses = clauses
        self.cues = cues
        var merged: [Range<Int>] = []
        for scope in cues.filter({ $0.kind == .negation && !$0.scope.isEmpty }).map(\.scope).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, scope.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, scope.upperBound)
            } else {
                merged.append(scope)
            }
        }
        negated = merged
    }

    public static let empty = ContextReading(clauses: [], cues: [])

    /// Whether a negation reaches the word at `position`.
    public func isNegated(_ position: Int) -> Bool {
        let index = Self.firstIndex(in: negated) { $0.upperBound > position }
        return index < negated.count && negated[index].contains(position)
    }

    /// The kinds of cue found anywhere in the text.
    public var kinds: Set<CueKind> { Set(cues.map(\.kind)) }

    /// The cues whose trigger lies in `clause`.
    public func cues(in clause: Range<Int>) -> ArraySlice<Cue> {
        let start = Self.firstIndex(in: cues) { $0.position >= clause.lowerBound }
        let end = Self.firstIndex(in: cues) { $0.position >= clause.upperBound }
        return cues[start..<max(start, end)]
    }

    /// The positions of the triggers of cues of `kind` ("moeder" for `.otherPerson`).
    public func triggers(of kind: CueKind) -> Set<Int> {
        Set(cues.filter { $0.kind == kind }.map(\.position))
    }

    /// The first index whose element satisfies `isAfter`, for a predicate that is false and then true
    /// along the array (binary search).
    static func firstIndex<Element>(in elements: [Element], where isAfter: (Element) -> Bool) -> Int {
        var low = 0, high = elements.count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(elements[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// Finds the cues of `cues.tsv` in analysed text. Built once per analyzer, like the synonym rules.
struct CueMatcher: Sendable {
    /// A trigger as the words it must meet, each a stem or an exact form (see `Key`).
    private let triggers: [(rule: CueRule, keys: [Key])]
    /// Trigger numbers by their first word, so a word only tries the triggers that can start with it.
    private let byFirstStem: [String: [Int]]
    private let byFirstForm: [String: [Int]]

    /// How a trigger word meets a word of the text: by stem, or by its exact folded form, which stop
    /// words need (the stem of "als" is also the stem of "al") and `=word` asks for.
    enum Key: Equatable, Sendable {
        case stem(String)
        case form(String)

        init(_ term: AnalyzedTerm) { self = term.isStopWord ? .form(term.surface) : .stem(term.stem) }

        func matches(_ term: AnalyzedTerm) -> Bool {
            switch self {
            case .stem(let stem): !term.isStopWord && term.stem == stem
            case .form(let form): term.surface == form
            }
        }
    }

    static let empty = CueMatcher(triggers: [])

    init(rules: [CueRule], analyzer: Analyzer) {
        let triggers = rules.compactMap { rule -> (rule: CueRule, keys: [Key])? in
            let keys = rule.trigger.split(separator: " ").flatMap { word -> [Key] in
                if word.hasPrefix("=") { return Tokenizer.plainWords(String(word.dropFirst())).map(Key.form) }
                return analyzer.analyze(String(word)).filter { $0.origin == .word }.map(Key.init)
            }
            return keys.isEmpty ? nil : (rule, keys)
        }
        self.init(triggers: triggers)
    }

    private init(triggers: [(rule: CueRule, keys: [Key])]) {
        self.triggers = triggers
        var byFirstStem: [String: [Int]] = [:], byFirstForm: [String: [Int]] = [:]
        for (number, trigger) in triggers.enumerated() {
            switch trigger.keys[0] {
            case .stem(let stem): byFirstStem[stem, default: []].append(number)
            case .form(let form): byFirstForm[form, default: []].append(number)
            }
        }
        self.byFirstStem = byFirstStem
        self.byFirstForm = byFirstForm
    }

    /// The clauses and cues of analysed text (`Analyzer.analyze`); derived terms are ignored.
    func read(_ terms: [AnalyzedTerm]) -> ContextReading {
        let words = terms.filter { $0.origin == .word }
        guard !words.isEmpty else { return .empty }
        let matches = self.matches(in: words)
        let starts = Set([0] + words.indices.filter { words[$0].followsPunctuation }
                         + matches.filter { $0.rule.kind == .boundary }.map(\.start))
        let bounds = starts.sorted() + [words.count]
        let clauses = zip(bounds, bounds.dropFirst()).map { $0..<$1 }
        /// Word indexes to the positions of those words (an empty range stays empty, where it was).
        func positions(_ range: Range<Int>) -> Range<Int> {
            let lower = range.lowerBound < words.count ? words[range.lowerBound].position : words[words.count - 1].position + 1
            return lower..<(range.isEmpty ? lower : words[range.upperBound - 1].position + 1)
        }
        var cues: [ContextReading.Cue] = []
        func clause(of index: Int) -> Range<Int> { clauses[ContextReading.firstIndex(in: clauses) { $0.upperBound > index }] }
        for match in matches where match.rule.kind != .boundary {
            let clause = clause(of: match.start)
            guard let scope = Self.scope(of: match, in: clause, words: words) else { continue }
            cues.append(ContextReading.Cue(kind: match.rule.kind, trigger: match.text, position: words[match.start].position,
                                           scope: positions(scope)))
        }
        for age in Self.ages(in: words) {
            let clause = clause(of: age.start)
            cues.append(ContextReading.Cue(kind: age.kind, trigger: age.text, position: words[age.start].position,
                                           scope: positions(clause)))
        }
        cues.sort { ($0.position, $0.kind) < ($1.position, $1.kind) }
        return ContextReading(clauses: clauses.map(positions), cues: cues)
    }

    private struct Match {
        var rule: CueRule
        var start: Int
        var length: Int
        var text: String
    }

    /// Every trigger that occurs as a run of words; of overlapping triggers of one kind, the longest.
    private func matches(in words: [AnalyzedTerm]) -> [Match] {
        var found: [Match] = []
        for start in words.indices {
            let word = words[start]
            let candidates = (word.isStopWord ? [] : byFirstStem[word.stem] ?? []) + (byFirstForm[word.surface] ?? [])
            for number in candidates {
                let (rule, keys) = triggers[number]
                guard start + keys.count <= words.count else { continue }
                let run = words[start..<(start + keys.count)]
                guard zip(keys, run).allSatisfy({ $0.matches($1) }) else { continue }
                found.append(Match(rule: rule, start: start, length: keys.count, text: run.map(\.surface).joined(separator: " ")))
            }
        }
        // Of overlapping triggers of one kind, the longest: sorted by start and then by length, a match
        // that ends inside an earlier one of its kind is dropped, in one pass.
        var reach: [CueKind: Int] = [:]
        return found.sorted { ($0.start, -$0.length) < ($1.start, -$1.length) }.filter { match in
            let end = match.start + match.length
            guard end > reach[match.rule.kind, default: -1] else { return false }
            reach[match.rule.kind] = end
            return true
        }
    }

    /// The word indexes a match reaches within its clause, or nil when a clause-start trigger stands
    /// elsewhere.
    private static func scope(of match: Match, in clause: Range<Int>, words: [AnalyzedTerm]) -> Range<Int>? {
        let end = min(match.start + match.length, clause.upperBound)
        switch match.rule.scope {
        case .forward: return end..<clause.upperBound
        case .backward: return clause.lowerBound..<match.start
        case .clause, .none: return clause
        case .clauseStart:
            // One linking word may come first: "en als", "maar stel dat".
            let opens = match.start == clause.lowerBound
                || (match.start == clause.lowerBound + 1 && words[clause.lowerBound].isStopWord)
            return opens ? clause : nil
        }
    }

    /// Ages written as numbers: "16 jaar oud", "85-jarige", "mijn zoon van 16", "ik ben 80". A number
    /// followed by a unit of time or money ("3 weken", "2 jaar geleden") is not an age.
    private static func ages(in words: [AnalyzedTerm]) -> [(kind: CueKind, start: Int, text: String)] {
        var ages: [(kind: CueKind, start: Int, text: String)] = []
        for index in words.indices {
            guard let age = Int(words[index].surface), (0...120).contains(age) else { continue }
            let next = index + 1 < words.count ? words[index + 1].surface : ""
            let afterNext = index + 2 < words.count ? words[index + 2].surface : ""
            let previous = index > 0 ? words[index - 1].surface : ""
            let isAge: Bool
            if next == "jarig" || next == "jarige" {
                isAge = true
            } else if next == "jaar" {
                isAge = afterNext == "oud" || (ageVerbs.contains(previous) && afterNext != "geleden")
            } else {
                isAge = ageVerbs.contains(previous) && !units.contains(next)
            }
            guard isAge else { continue }
            let kind: CueKind = age < 18 ? .child : age < 65 ? .adult : .olderPerson
            ages.append((kind, index, next == "jaar" || next.hasPrefix("jarig") ? "\(age) \(next)" : "\(previous) \(age)"))
        }
        return ages
    }

    /// Words before a number that make it an age: "van 16", "is 16", "ben 80", "wordt 18".
    private static let ageVerbs: Set<String> = ["van", "is", "ben", "wordt", "word", "werd", "was"]
    /// Words after a number that make it a quantity, not an age.
    private static let units: Set<String> = [
        "weken", "week", "maanden", "maand", "dagen", "dag", "uur", "uren", "minuten", "euro", "keer", "procent",
        "kilo", "km", "kinderen", "personen", "mensen",
    ]
}
