import DutchText
import Foundation
import Retrieval
import Testing
@testable import Dialogue

/// The engine on a small dialog written for these tests, over the bundled knowledge.
@Suite("Dialogue engine")
struct EngineTests {
    static let intake = """
        ---
        id: intake
        title: Intake
        ---
        ## begin
        say: Welkom.
        or: Goedendag.
        ask: Waar zoekt u hulp bij?
        expect: open
        save: vraag
        goto: voor
        else: voor

        ## voor
        ask: Voor wie is de hulp?
        short: Voor wie?
        - zelf: Voor mezelf | ikzelf, mij
        - naaste: Voor een naaste | moeder, vader, partner, familie
        goto: leeftijd

        ## leeftijd
        ask: Hoe oud is {voor}?
        expect: number 0-120
        if: leeftijd < 18 -> jong
        goto: zwaar

        ## jong
        call: sub
        end: jeugdhulp-gemeente

        ## zwaar
        ask: Is het zwaar?
        expect: yesno
        if: zwaar = ja en voor = naaste -> ontlasten
        goto: klaar

        ## ontlasten
        say: Goed dat u het zegt.
        end: mantelzorg/respijtzorg

        ## klaar
        end: wmo-gemeente
        """

    static let sub = """
        ---
        id: sub
        title: Een sub-flow
        triggers:
          - spijbelen
        ---
        ## begin
        say: Dit is de sub-flow.
        end: huisarts
        """

    static let engine: Engine = {
        let knowledge = BundledContent.content.knowledge
        let (dialogs, problems) = DialogSet.parse([
            SourceFile(path: "intake.md", text: intake), SourceFile(path: "sub.md", text: sub),
            SourceFile(path: "veiligheid.md", text: "---\nid: veiligheid\ntitle: V\nkind: safety\n---\n## zelfdoding\nsay: Bel 113.\n"),
        ] + BundledContent.languageFiles)
        precondition(problems.isEmpty, "\(problems)")
        return Engine(content: DialogueContent(dialogs: dialogs, knowledge: knowledge, index: BundledContent.content.index,
                                               safetyNet: BundledContent.content.safetyNet))
    }()

    /// Plays `inputs` from the opening and returns every turn.
    func play(_ inputs: [String], seed: UInt64 = 1) -> [Turn] {
        var turns = [Self.engine.start(seed: seed, now: 0)]
        for input in inputs { turns.append(Self.engine.reply(to: input, in: turns.last!.state, now: 10)) }
        return turns
    }

    func text(_ turn: Turn) -> String { turn.replies.map(\.text).joined(separator: "\n") }

    @Test("the opening greets and asks the open question")
    func opening() {
        let turn = play([])[0]
        #expect(turn.flow == "intake" && turn.step == "begin" && !turn.ended)
        #expect(text(turn).hasSuffix("Waar zoekt u hulp bij?"))
    }

    @Test("alternative wordings are chosen per session and stay the same within it")
    func wordings() {
        let greetings = Set((1...20).map { text(play([], seed: $0)[0]).split(separator: "\n")[0] })
        #expect(greetings == ["Welkom.", "Goedendag."])
        #expect(text(play([], seed: 7)[0]) == text(play([], seed: 7)[0]))
    }

    @Test("a choice is found by number, label, synonym, inflection and typo", arguments: [
        ("2", "naaste"), ("2.", "naaste"), ("optie 1", "zelf"), ("voor een naaste", "naaste"),
        ("voor mijn moeder", "naaste"), ("mijn moedr", "naaste"), ("het is voor mijn vader", "naaste"),
        ("voor mezelf", "zelf"), ("naaste", "naaste"),
    ])
    func choice(input: String, value: String) {
        let turn = play(["ik heb hulp nodig met het huishouden", input]).last!
        #expect(turn.state.answer("voor")?.value == value)
        #expect(turn.step == "leeftijd")
    }

    @Test("a message of its own (more than 12 words) is not read as an option, even when it names one")
    func longMessageIsNoChoice() {
        let story = "het is voor mijn moeder maar eigenlijk wil ik vooral vertellen dat ik zelf al weken niet slaap"
        let turn = play(["ik heb hulp nodig met het huishouden", story]).last!
        #expect(turn.state.answer("voor") == nil && turn.step == "voor")
    }

    @Test("a stored answer fills {key} with the option label")
    func interpolation() {
        #expect(text(play(["qqq zzz", "2"]).last!).contains("Hoe oud is Voor een naaste?"))
    }

    @Test("numbers are read from a sentence and checked against the range; conditions branch on them")
    func numbers() {
        let turns = play(["qqq zzz", "2", "ze is 84", "klopt"])
        #expect(turns[3].state.answer("leeftijd")?.value == "84" && turns[3].step == "zwaar")
        #expect(turns[4].routes == ["mantelzorg"] && turns[4].ended)
        #expect(play(["qqq zzz", "2", "130"]).last!.step == "leeftijd")
    }

    @Test("yes and no in everyday words", arguments: [
        ("ja", "ja"), ("klopt", "ja"), ("jazeker", "ja"), ("nee hoor", "nee"), ("liever niet", "nee"),
        ("klopt niet", "nee"), ("nee", "nee"),
    ])
    func yesNo(input: String, value: String) {
        #expect(BundledContent.content.words.yesNo(Tokenizer.plainWords(input)) == value)
    }

    @Test("not knowing is not an answer")
    func unsure() {
        #expect(BundledContent.content.words.yesNo(Tokenizer.plainWords("weet ik niet")) == nil && BundledContent.content.words.yesNo(Tokenizer.plainWords("misschien")) == nil)
    }

    @Test("a sub-flow returns to the step that called it")
    func subFlow() {
        let turn = play(["qqq zzz", "1", "12"]).last!
        #expect(text(turn).contains("Dit is de sub-flow."))
        #expect(turn.routes == ["huisarts", "jeugdhulp-gemeente"] && turn.ended)
    }

    @Test("a trigger in the open answer starts its flow")
    func trigger() {
        let turn = play(["mijn zoon gaat steeds spijbelen"]).last!
        #expect(text(turn).contains("Dit is de sub-flow.") && turn.routes == ["huisarts"])
    }

    @Test("a wrong answer gets a hint, then a way out, then the question is skipped: never a loop")
    func failedAttempts() {
        let turns = play(["qqq zzz", "2", "blauw", "groen", "geel"])
        #expect(text(turns[3]).contains("Typ een getal van 0 tot en met 120") && turns[3].step == "leeftijd")
        #expect(turns[4].replies.last?.options.map(\.value) == ["overslaan", "mens"])
        #expect(text(turns[5]).contains("We slaan deze vraag over") && turns[5].step == "zwaar")
    }

    @Test("'overslaan' skips the question; a condition on a skipped answer is false")
    func skip() {
        let turns = play(["qqq zzz", "2", "overslaan"])
        #expect(turns.last!.step == "zwaar" && turns.last!.state.answer("leeftijd") == nil)
    }

    @Test("a side question is answered from Knowledge, then the question is asked again in short form, once")
    func digression() {
        let turns = play(["qqq zzz", "wat kost de eigen bijdrage voor de wmo per maand", "wat kost de eigen bijdrage voor de wmo per maand"])
        #expect(text(turns[2]).contains("Daarover kan ik dit zeggen") && text(turns[2]).hasSuffix("Voor wie?"))
        #expect(turns[2].step == "voor")
        #expect(text(turns[3]).contains("Dat begreep ik niet helemaal"))
    }

    @Test("terug undoes the last answer and asks its question again")
    func back() {
        let turns = play(["qqq zzz", "2", "terug"])
        #expect(turns[3].step == "voor" && turns[3].state.answer("voor") == nil)
        #expect(text(turns[3]).contains("We gaan een vraag terug") && text(turns[3]).contains("Voor wie is de hulp?"))
        #expect(text(play(["terug"])[1]).contains("Er is nog geen antwoord"))
    }

    @Test("opnieuw starts over; stop ends with the summary; vergeet mij erases")
    func commands() {
        let restart = play(["qqq zzz", "2", "opnieuw"]).last!
        #expect(restart.step == "begin" && restart.state.answers.isEmpty)
        let stop = play(["qqq zzz", "2", "stop"]).last!
        #expect(stop.ended && text(stop).contains("Wat u vertelde:\n- qqq zzz") && text(stop).contains("- Voor wie? Voor een naaste"))
        let forget = play(["qqq zzz", "vergeet mij"]).last!
        #expect(forget.erased && forget.ended && forget.state.answers.isEmpty)
    }

    @Test("mens offers independent support and Het Juiste Loket and waits; the chosen card, then the question again")
    func human() {
        let offer = play(["qqq zzz", "mens"]).last!
        #expect(offer.routes.isEmpty && offer.replies.last?.options.map(\.value) == ["clientondersteuning", "juiste-loket", "anders"])
        let chosen = play(["qqq zzz", "mens", "2"]).last!
        #expect(chosen.routes == ["juiste-loket"] && chosen.step == "voor" && text(chosen).contains("Voor wie?"))
        let declined = play(["qqq zzz", "mens", "verder met mijn vraag"]).last!
        #expect(declined.routes.isEmpty && declined.step == "voor")
    }

    @Test("hulp explains the commands and keeps the question")
    func help() {
        let turn = play(["hulp"]).last!
        #expect(text(turn).contains("'terug'") && turn.step == "begin")
    }

    @Test("the safety net answers in the middle of a flow and keeps the place")
    func safety() {
        let turn = play(["qqq zzz", "2", "ik denk aan zelfmoord"]).last!
        #expect(turn.safety == .alarm && turn.routes.first == "zelfmoordpreventie-113" && turn.step == "leeftijd")
        #expect(text(turn).hasSuffix("Hoe oud is Voor een naaste?"))
    }

    @Test("a greeting alone gets the question again")
    func greetingOnly() {
        let turn = play(["hallo"]).last!
        #expect(turn.step == "begin" && turn.state.answers.isEmpty && text(turn).contains("Vertel gerust"))
    }

    @Test("after the end, the next input opens a new conversation")
    func afterTheEnd() {
        let ended = play(["stop"]).last!
        let next = Self.engine.reply(to: "hallo", in: ended.state, now: 20)
        #expect(ended.ended && !next.ended && next.step == "begin")
    }

    @Test("the state survives a JSON round trip and stays small")
    func codable() throws {
        let state = play(["qqq zzz hulp bij het huishouden en de boodschappen qqq", "2", "84"]).last!.state
        let data = try JSONEncoder().encode(state)
        #expect(try JSONDecoder().decode(SessionState.self, from: data) == state)
        #expect(data.count < 4096)
    }

    @Test("the summary date is the session's day")
    func calendar() {
        #expect(CalendarDate(unixSeconds: 1_795_392_000).dutch == "23 november 2026")
        #expect(CalendarDate(unixSeconds: 0).dutch == "1 januari 1970")
        #expect(CalendarDate(unixSeconds: 951_782_400).dutch == "29 februari 2000")
    }
}
