import Retrieval
import Testing
@testable import Dialogue

@Suite("Dialog validation")
struct DialogValidatorTests {
    static let intake = """
        ---
        id: intake
        title: Intake
        ---
        ## begin
        ask: Waar gaat het over?
        expect: open
        goto: voor
        else: voor

        ## voor
        ask: Voor wie?
        - zelf: Voor mezelf | mij
        - naaste: Voor een naaste | moeder
        goto: einde

        ## einde
        end: mantelzorg
        """

    /// Problems of `files` plus a valid intake, against the bundled knowledge, without the route-coverage lines.
    func problems(_ files: [(String, String)], intake: String = intake) -> [String] {
        let sources = [SourceFile(path: "intake.md", text: intake)] + files.map { SourceFile(path: $0.0, text: $0.1) } + BundledContent.languageFiles
        let (dialogs, parseProblems) = DialogSet.parse(sources)
        return (parseProblems + DialogValidator.problems(in: dialogs, knowledge: BundledContent.content.knowledge))
            .map(\.description).filter { !$0.contains("no dialog step recommends") }
    }

    func flow(_ id: String, _ body: String, triggers: String = "triggers: iets") -> (String, String) {
        ("\(id).md", "---\nid: \(id)\ntitle: T\n\(triggers)\n---\n" + body)
    }

    @Test("a shadowed option phrase is reported on the later option")
    func shadowed() {
        #expect(problems([]) == [])
        let shadowing = Self.intake.replacing("| moeder", with: "| Mij, moeder")
        #expect(problems([], intake: shadowing) == ["intake.md:14: 'Mij' of option 'naaste' is shadowed by option 'zelf' on line 13, which has it too"])
    }

    @Test("unknown targets, routes, documents and flows", arguments: [
        ("## a\ngoto: b", "x.md:7: unknown step 'b'"),
        ("## a\ngoto: @nergens", "x.md:7: unknown flow '@nergens'"),
        ("## a\ncall: nergens\nend: huisarts", "x.md:7: unknown flow 'nergens' in 'call:'"),
        ("## a\nend: tandarts", "x.md:7: unknown route id 'tandarts'"),
        ("## a\nend: huisarts/pgb", "x.md:7: document 'pgb' belongs to route 'pgb', not 'huisarts'"),
        ("## a\nlookup: iets\nroutes: tandarts\nend: huisarts", "x.md:8: unknown route id 'tandarts'"),
    ])
    func unknowns(body: String, expected: String) {
        #expect(problems([flow("x", body)]) == [expected])
    }

    @Test("dead ends, unreachable steps and answers used before they are asked", arguments: [
        ("## a\nsay: hallo", "x.md:6: step 'a' is a dead end: give it 'goto:', 'end:' or option targets"),
        ("## a\nend: huisarts\n\n## b\nend: huisarts", "x.md:9: step 'b' cannot be reached from 'a'"),
        ("## a\nif: leeftijd < 18 -> b\ngoto: b\n\n## b\nask: Hoe oud?\nexpect: number 0-120\nsave: leeftijd\ngoto: c\n\n## c\nend: huisarts",
         "x.md:7: 'leeftijd' is used before it is asked in this flow"),
        ("## a\nsay: Fijn, {naam}.\nend: huisarts", "x.md:7: '{naam}' is used before it is asked in this flow"),
        ("## a\nask: Wat?\nexpect: yesno\nif: a = ja -> b\n\n## b\nend: huisarts", "x.md:9: when no 'if:' holds, step 'a' has nowhere to go: add 'goto:'"),
        ("## a\nask: Wat?\nexpect: choice\ngoto: b\n\n## b\nend: huisarts", "x.md:8: a choice question needs options"),
        ("## a\nask: Wat?\nexpect: open\ngoto: b\n\n## b\nend: huisarts", "x.md:8: an open question needs 'goto:' (after an answer) and 'else:' (when the words point nowhere)"),
        ("## a\nask: Wat?\n- b: Bee -> b\n- c: Cee -> b\n\n## b\nend: huisarts", "x.md:7: step 'a' has no path for 'weet ik niet': add 'goto:' or an option with 'weet ik niet'"),
        ("## a\nask: Wat?\nyes-if-told: te zwaar\ngoto: b\n\n## b\nend: huisarts", "x.md:8: 'yes-if-told:' belongs to a yes/no question"),
    ])
    func flowProblems(body: String, expected: String) {
        #expect(problems([flow("x", body)]) == [expected])
    }

    @Test("a question whose options all lead on has a path for 'weet ik niet' when one option names it")
    func unknownPath() {
        #expect(problems([flow("x", "## a\nask: Wat?\n- b: Bee | weet ik niet -> b\n- c: Cee -> b\n\n## b\nend: huisarts")]) == [])
    }

    @Test("duplicate ids, a file name that differs, a flow nobody can reach, a missing intake")
    func setProblems() {
        #expect(problems([flow("x", "## a\nend: huisarts\n\n## a\nend: huisarts")]).contains("x.md:9: duplicate step id 'a'"))
        #expect(problems([("y.md", "---\nid: intake\ntitle: T\n---\n## a\nend: huisarts\n")]).contains("y.md:2: duplicate flow id 'intake', also used in intake.md"))
        #expect(problems([flow("z", "## a\nend: huisarts", triggers: "")]) == ["z.md:1: flow 'z' has no triggers and no flow jumps to or calls it"])
        let (dialogs, _) = DialogSet.parse([SourceFile(path: "x.md", text: "---\nid: x\ntitle: T\ntriggers: iets\n---\n## a\nend: huisarts\n")])
        #expect(DialogValidator.problems(in: dialogs, knowledge: BundledContent.content.knowledge).first?.description
                == "intake.md:1: there is no intake flow (id 'intake'): conversations start there")
    }

    @Test("the safety flow has a step with first help for every category, and answers at once")
    func safety() {
        let body = "## a\nask: Gaat het?\nadvise: zelfmoordpreventie-113"
        let found = problems([flow("v", body, triggers: "kind: safety")])
        #expect(found.contains("v.md:6: a safety step needs 'say:': the first help for its category"))
        #expect(found.contains("v.md:6: safety step 'a' is no category of Knowledge/veiligheid/categorieen.tsv"))
        #expect(found.contains("v.md:7: a safety step answers at once: no 'ask:' or 'goto:'"))
        #expect(found.contains("v.md:1: safety category 'zelfdoding' has no step with its first help"))
    }

    @Test("signals in a flow are an error that says where they live now")
    func signalsMoved() {
        #expect(problems([flow("v", "## zelfdoding\nsignals: zelfmoord\nsay: Bel 113.", triggers: "kind: safety")])
            .contains { $0.hasPrefix("v.md:7: safety signals live in Knowledge/veiligheid/signalen.tsv") })
    }
}
