import Testing
@testable import Dialogue

@Suite("Flow files")
struct FlowParserTests {
    static let flow = """
        ---
        id: mantelzorg
        title: Zorgen voor een naaste
        triggers:
          - mantelzorger
          - zorg voor mijn moeder
        ---

        # Zorgen voor een naaste
        A description for reviewers.

        ## begin
        say: Zorgen voor iemand kan zwaar zijn.
        or: Voor iemand zorgen kost veel energie.
        ask: Voor wie zorgt u?
        short: Voor wie?
        save: naaste
        - ouder: Voor mijn vader of moeder | moeder, vader
        - kind: Voor mijn kind | zoon, dochter -> kind
        goto: zwaar

        ## zwaar
        ask: Wordt het u te veel?
        expect: yesno
        if: zwaar = ja en naaste = ouder -> kind
        goto: kind

        ## kind
        lookup: hulp voor {naaste}
        routes: mantelzorg
        end: mantelzorg, mantelzorg/respijtzorg
        """

    @Test("front matter, steps, wordings, options, branches and routes are read with their lines")
    func parsesAFlow() throws {
        let flow = try FlowParser.parse(Self.flow, path: "mantelzorg.md")
        #expect(flow.id == "mantelzorg" && flow.title == "Zorgen voor een naaste" && flow.kind == .flow)
        #expect(flow.triggers == [Phrase(text: "mantelzorger", line: 5), Phrase(text: "zorg voor mijn moeder", line: 6)])
        #expect(flow.steps.map(\.id) == ["begin", "zwaar", "kind"] && flow.startStep == "begin")
        let begin = try #require(flow.step("begin"))
        #expect(begin.line == 12)
        #expect(begin.messages == [Step.Wording(variants: ["Zorgen voor iemand kan zwaar zijn.", "Voor iemand zorgen kost veel energie."], line: 13)])
        #expect(begin.question?.variants == ["Voor wie zorgt u?"] && begin.shortQuestion == "Voor wie?")
        #expect(begin.answerKey == "naaste" && begin.effectiveExpectation == .choice)
        #expect(begin.options[1] == Step.Option(value: "kind", label: "Voor mijn kind", synonyms: ["zoon", "dochter"], target: .step("kind"), line: 19))
        #expect(begin.next == .step("zwaar"))
        let zwaar = try #require(flow.step("zwaar"))
        #expect(zwaar.effectiveExpectation == .yesNo && zwaar.branches.first?.condition.description == "zwaar = ja en naaste = ouder")
        let kind = try #require(flow.step("kind"))
        #expect(kind.lookup == Step.Lookup(query: "hulp voor {naaste}", routes: ["mantelzorg"], line: 29))
        #expect(kind.end?.map(\.description) == ["mantelzorg", "mantelzorg/respijtzorg"])
    }

    @Test("mistakes are reported at their line", arguments: [
        ("## Begin\nsay: hoi", "x.md:5: step id 'Begin' must be lowercase letters, digits and '-'"),
        ("## a\nzeg: hoi", "x.md:6: expected a directive (say:, ask:, goto:, ...) or an option ('- value: Label')"),
        ("## a\nask: Wat?\nexpect: number 10", "x.md:7: expect: must be choice, yesno, text, open or 'number MIN-MAX'"),
        ("## a\nif: leeftijd < achttien -> b", "x.md:6: expected 'if: key = value -> target' (operators = != < <= > >=, joined with 'en')"),
        ("## a\nor: hallo", "x.md:6: 'or:' must follow a 'say:' or 'ask:'"),
        ("## a\nask: Wat?\nask: Hoe?", "x.md:7: 'ask:' appears twice in step 'a'"),
        ("## a\nask: Wat?\n- Ja", "x.md:7: expected an option '- value: Label | synonym, synonym -> target' with a lowercase value"),
        ("## a\ngoto: Verder", "x.md:6: 'Verder' is not a step id or '@flow-id'"),
        ("## a\nroutes: huisarts", "x.md:6: 'routes:' limits a 'lookup:' above it"),
        ("say: hoi", "x.md:5: a flow needs at least one '## step'"),
    ])
    func reportsMistakes(body: String, expected: String) {
        let text = "---\nid: x\ntitle: X\n---\n" + body
        #expect(throws: DialogError.self) { try FlowParser.parse(text, path: "x.md") }
        do {
            _ = try FlowParser.parse(text, path: "x.md")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test("conditions compare text and numbers; a missing answer makes a condition false")
    func conditions() throws {
        let answers = ["leeftijd": "15", "voor": "Naaste"]
        func holds(_ text: String) throws -> Bool { try #require(Condition(text)).holds { answers[$0] } }
        #expect(try holds("leeftijd < 18") && holds("leeftijd <= 15") && holds("voor = naaste") && holds("voor != zelf"))
        #expect(try !holds("leeftijd >= 18") && !holds("leeftijd > 15") && !holds("zwaar = ja"))
        #expect(try holds("leeftijd < 18 en voor = naaste") && !holds("leeftijd < 18 and voor = zelf"))
        #expect(Condition("leeftijd < oud") == nil && Condition("= ja") == nil)
    }
}
