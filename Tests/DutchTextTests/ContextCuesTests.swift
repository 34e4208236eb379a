import Testing
@testable import DutchText

@Suite("Context cues: clauses, negation, time, person, aspect")
struct ContextCuesTests {
    static let table = """
        # test table
        grens\t-\tmaar, omdat
        ontkenning\tvooruit\tgeen, niet
        ontkenning\tterug\thoeft niet
        verleden\tzin\tvorig jaar
        hypothetisch\tzinsbegin\tals
        ander\tzin\tmoeder, zoon
        schrijver\tzin\tik
        bezwaar\tzin\tafgewezen, =gekort
        """

    static let analyzer = Analyzer(tables: TermTables(cues: try! TermTables.parseCues(table)))

    static func read(_ text: String) -> (reading: ContextReading, words: [String: Int]) {
        let words = analyzer.analyze(text)
        var positions: [String: Int] = [:]
        for word in words where word.origin == .word { positions[word.surface] = word.position }
        return (analyzer.context(of: words), positions)
    }

    @Test("a cue line gives one rule per trigger; kinds and scopes are checked with their line")
    func parse() throws {
        let rules = try TermTables.parseCues("# c\nontkenning\tvooruit\tgeen, niet\n")
        #expect(rules == [CueRule(kind: .negation, scope: .forward, trigger: "geen", line: 2),
                          CueRule(kind: .negation, scope: .forward, trigger: "niet", line: 2)])
        for (text, line) in [("ontkennig\tvooruit\tgeen", 1), ("\nontkenning\tnaar voren\tgeen", 2),
                             ("grens\tzin\tmaar", 1), ("ontkenning\t-\tgeen", 1), ("ontkenning\tvooruit", 1),
                             ("ontkenning\tvooruit\t , ", 1)] {
            #expect(throws: TermTables.ParseError.self) { try TermTables.parseCues(text) }
            do { _ = try TermTables.parseCues(text) } catch { #expect(error.line == line) }
        }
    }

    @Test("clauses end at punctuation and at boundary words")
    func clauses() {
        let (reading, _) = Self.read("Ik heb geen geld, de huur is hoog maar ik werk")
        #expect(reading.clauses == [0..<4, 4..<8, 8..<11])
    }

    @Test("a forward negation reaches the rest of its clause and no further")
    func forwardNegation() {
        let (reading, at) = Self.read("geen schulden, wel een huurachterstand")
        #expect(reading.isNegated(at["schulden"]!))
        #expect(!reading.isNegated(at["huurachterstand"]!))
        let (contrast, words) = Self.read("ik wil geen verpleeghuis maar thuiszorg")
        #expect(contrast.isNegated(words["verpleeghuis"]!) && !contrast.isNegated(words["thuiszorg"]!))
    }

    @Test("a backward negation reaches from the start of its clause to the trigger")
    func backwardNegation() {
        let (reading, at) = Self.read("Een verpleeghuis hoeft niet, maar hulp wel")
        #expect(reading.isNegated(at["verpleeghuis"]!))
        #expect(!reading.isNegated(at["hulp"]!))
    }

    @Test("a clause-start trigger counts only where it opens a clause")
    func clauseStart() {
        #expect(Self.read("Als ik val, wie helpt mij dan?").reading.kinds.contains(.hypothetical))
        #expect(Self.read("Wat als mijn moeder valt").reading.cues.isEmpty == false)
        #expect(!Self.read("Ik werk als vrijwilliger").reading.kinds.contains(.hypothetical))
    }

    @Test("triggers match on stems, and a =word trigger only on that exact form")
    func matching() {
        #expect(Self.read("mijn aanvraag is afgewezen").reading.kinds.contains(.objection))
        #expect(Self.read("ze hebben mijn uren gekort").reading.kinds.contains(.objection))
        #expect(!Self.read("ik ben kort geleden verhuisd").reading.kinds.contains(.objection))
        #expect(Self.read("mijn moeders huis").reading.kinds.contains(.otherPerson))
    }

    @Test("cues report who and when per clause")
    func personAndTime() {
        let (reading, _) = Self.read("Vorig jaar viel mijn moeder. Nu wil ik hulp")
        #expect(reading.cues(in: reading.clauses[0]).map(\.kind).sorted() == [.past, .otherPerson])
        #expect(reading.cues(in: reading.clauses[1]).map(\.kind) == [.writer])
    }

    @Test("ages written as numbers give an age group; durations and amounts do not", arguments: [
        ("mijn zoon van 16 wil niet naar school", CueKind.child),
        ("ik ben 80 en woon alleen", .olderPerson),
        ("een 85-jarige buurvrouw", .olderPerson),
        ("hij is 34 jaar oud", .adult),
        ("mijn dochter is 17 jaar", .child),
    ])
    func ages(text: String, kind: CueKind) {
        #expect(Self.read(text).reading.kinds.contains(kind))
    }

    @Test("numbers that are not ages", arguments: ["ik wacht al 3 jaar", "het is 2 jaar geleden", "dat is 40 euro", "ik ben 3 weken ziek"])
    func notAges(text: String) {
        #expect(Self.read(text).reading.kinds.isDisjoint(with: [.child, .adult, .olderPerson]))
    }

    @Test("overlapping negations merge: every word in any scope is negated, and no other")
    func mergedScopes() {
        let reading = ContextReading(clauses: [0..<20], cues: [
            .init(kind: .negation, trigger: "niet", position: 2, scope: 3..<6),
            .init(kind: .negation, trigger: "geen", position: 4, scope: 5..<9),
            .init(kind: .negation, trigger: "geen", position: 12, scope: 13..<15),
            .init(kind: .past, trigger: "toen", position: 16, scope: 0..<20),
        ])
        #expect((0..<20).filter(reading.isNegated) == [3, 4, 5, 6, 7, 8, 13, 14])
        #expect(reading.cues(in: 4..<13).map(\.position) == [4, 12])
        #expect(reading.triggers(of: .negation) == [2, 4, 12])
    }

    @Test("text without words reads as no clauses")
    func empty() {
        #expect(Self.read("?!").reading == .empty)
    }
}
