import DutchText
import Retrieval
import Testing
@testable import Dialogue

/// Listening like a person: answers people give, what a story already told, the needs in it, and a
/// conversation that stays open until the person is done.
@Suite("Listening to the whole story")
struct ListeningTests {
    @Test("Dutch number words", arguments: [
        ("zeventien", 17), ("achttien", 18), ("eenentwintig", 21), ("drieentwintig", 23), ("vierentachtig", 84),
        ("honderd", 100), ("honderdtwee", 102), ("nul", 0), ("twaalf", 12),
    ])
    func numberWords(word: String, value: Int) {
        #expect(NumberWords.value(word) == value)
    }

    @Test("words that only look like numbers are not numbers")
    func notNumberWords() {
        for word in ["kat", "eenen", "honderdkat", "tweeentwee", "achtentien", ""] { #expect(NumberWords.value(word) == nil, "\(word)") }
    }

    @Test("a number question takes digits and number words in a sentence")
    func numberAnswers() {
        #expect(AnswerReader.number(Tokenizer.plainWords("hij is zeventien"), in: 0...30) == 17)
        #expect(AnswerReader.number(Tokenizer.plainWords("vierentachtig"), in: 0...30) == nil)
        #expect(AnswerReader.number(Tokenizer.plainWords("een jaar of veertien"), in: 0...30) == 14)
        #expect(AnswerReader.number(Tokenizer.plainWords("ze is een meisje van 9"), in: 0...30) == 9)
        #expect(AnswerReader.number(Tokenizer.plainWords("hij wordt in mei 18"), in: 0...30) == 17)
        #expect(AnswerReader.number(Tokenizer.plainWords("een"), in: 0...30) == 1)
    }

    @Test("not knowing has many forms, and each is recognised", arguments: [
        "weet ik niet", "Weet ik niet.", "geen idee", "geen flauw idee", "idk", "ik weet het niet", "nee weet ik echt niet",
        "misschien", "weet ik nog niet",
    ])
    func unknown(text: String) {
        #expect(BundledContent.content.words.isUnknown(Tokenizer.plainWords(text)))
    }

    @Test("an answer with content is not 'weet ik niet'")
    func knownAnswers() {
        for text in ["ja", "ik weet niet of mijn moeder dat wil, ze is heel koppig", "ik heb geen idee waar ik moet beginnen met de schulden"] {
            #expect(!BundledContent.content.words.isUnknown(Tokenizer.plainWords(text)), "\(text)")
        }
    }

    @Test("j, n and soms are answers to a yes/no question", arguments: [("j", "ja"), ("n", "nee"), ("soms", "ja"), ("vaak", "ja")])
    func shortYesNo(input: String, value: String) {
        #expect(BundledContent.content.words.yesNo(Tokenizer.plainWords(input)) == value)
    }

    @Test("the age a story tells", arguments: [
        ("mijn zoon van 15 zit thuis", 15), ("ik word volgende maand 18", 17), ("hij is zeventien en wil op zichzelf", 17),
        ("mijn vader van 84 redt het niet meer", 84), ("mijn dochter is 16 jaar oud", 16), ("een 85-jarige buurman", 85),
        ("mijn zoon (14, autisme) zit thuis", 14), ("ze is bijna 18", 17), ("hij wordt over twee weken 18", 17),
    ])
    func age(story: String, age: Int) {
        #expect(AnswerReader.age(in: Tokenizer.plainWords(story)) == age)
    }

    @Test("no age when a story tells none, or two")
    func noAge() {
        for story in ["mijn zoon is een puber", "al 3 weken wachten", "sinds 2 jaar geleden", "mijn zoon van 15 en mijn dochter van 9"] {
            #expect(AnswerReader.age(in: Tokenizer.plainWords(story)) == nil, "\(story)")
        }
    }

    @Test("a yes/no question is answered from the story when it says so plainly, never when it denies it")
    func yesFromStory() {
        let engine = BundledContent.engine
        func opening(_ story: String) -> Turn { engine.reply(to: story, in: engine.newSession(seed: 1, now: 0), now: 0) }
        let told = opening("mijn vader heeft een wlz-indicatie en we zoeken een plek in een verpleeghuis")
        #expect(told.replies.contains { $0.text.contains("U vertelde het al. Is er al een Wlz-indicatie? Ja.") })
        let denied = opening("mijn vader heeft nog geen wlz-indicatie en we zoeken een plek in een verpleeghuis")
        #expect(denied.flow == "langdurige-zorg" && denied.step == "begin")
        let scattered = opening("wlz, hoe zit dat, en de indicatie van mijn vader")
        #expect(!scattered.replies.contains { $0.text.contains("Is er al een Wlz-indicatie? Ja.") })
    }

    @Test("a story is cut at clause ends and at words that join two needs, not at who it is about")
    func parts() {
        let content = BundledContent.content
        #expect(content.storyParts("ik heb schulden en voel me al maanden depressief") == ["ik heb schulden", "voel me al maanden depressief"])
        #expect(content.storyParts("mijn moeder heeft dementie, ik ben zelf helemaal op")
                == ["mijn moeder heeft dementie", "ik ben zelf helemaal op"])
        #expect(content.storyParts("ik heb een dochter van 15, en de school wil haar niet") == ["de school wil haar niet"])
        #expect(content.storyParts("ik ben eenzaam") == ["ik ben eenzaam"])
    }

    @Test("only the intake's closing step ends a conversation; after advice it asks whether there is more")
    func staysOpen() {
        let engine = BundledContent.engine
        let advice = engine.reply(to: "ik wil een klacht indienen over de thuiszorg", in: engine.newSession(seed: 1, now: 0), now: 0)
        #expect(!advice.ended && advice.step == DialogSet.moreStepID && advice.flow == DialogSet.intakeID)
        let next = engine.reply(to: "ik kom de trap niet meer op, kan ik een traplift krijgen?", in: advice.state, now: 0)
        #expect(!next.ended && next.flow == "thuis-en-meedoen")
        for done in ["nee", "nee, dat was het", "dat was het", "nee bedankt"] {
            let end = engine.reply(to: done, in: advice.state, now: 0)
            #expect(end.ended && end.replies.contains { $0.text.contains("Samenvatting van uw gesprek") }, "\(done)")
        }
    }

    @Test("a trigger after thousands of repeats of one of its words is still found")
    func triggerAfterRepeats() {
        let content = BundledContent.content
        let story = Array(repeating: "zorg", count: 3_000).joined(separator: " ") + " ik zorg al jaren voor mijn man"
        #expect(content.triggeredFlow(content.analyse(story)) == "mantelzorg")
    }

    @Test("close (end of input) gives the summary once; an ended conversation gets nothing more")
    func close() {
        let engine = BundledContent.engine
        let state = engine.reply(to: "de deurwaarder heeft een brief gestuurd", in: engine.newSession(seed: 1, now: 0), now: 0).state
        let closed = engine.close(state, now: 0)
        #expect(closed.ended && closed.replies.contains { $0.text.contains("Wat u vertelde:\n- de deurwaarder heeft een brief gestuurd") })
        #expect(engine.close(closed.state, now: 0).replies.isEmpty)
    }

    @Test("the summary reads as a letter: the story once, the plan in order with contacts, what is still open")
    func summaryLetter() {
        let content = BundledContent.content
        var state = SessionState(seed: 1, now: 0)
        state.answers = [
            .init(flow: "intake", step: "begin", key: "vraag", value: "ik heb schulden en ik ben eenzaam"),
            .init(flow: "intake", step: "meer", key: "meer", value: "nee"),
        ]
        state.advice = [RouteReference("schuldhulp"), RouteReference("schuldhulp"), RouteReference("clientondersteuning")]
        state.needs = [Need(flow: "eenzaamheid", words: "ik ben eenzaam")]
        let text = TakeAwaySummary.text(state, content: content, now: 0)
        #expect(text.contains("Wat u vertelde:\n- ik heb schulden en ik ben eenzaam\n"))
        #expect(!text.contains("- nee"))
        #expect(text.contains("Uw plan, in deze volgorde:\n1. Schuldhulpverlening van de gemeente"))
        #expect(text.contains("2. Onafhankelijke cliëntondersteuning") && text.contains("   Contact: "))
        #expect(text.contains("Nog open (daar kwamen we niet aan toe):\n- ik ben eenzaam"))
    }

    @Test("cards are compact in text; their sources come with 'bronnen' and in the turn's cards")
    func sources() throws {
        let engine = BundledContent.engine
        let advice = engine.reply(to: "ik wil een klacht indienen over de thuiszorg", in: engine.newSession(seed: 1, now: 0), now: 0)
        let card = try #require(advice.cards.first)
        #expect(!advice.replies.contains { $0.text.contains("Bronnen:") } && !card.document.sources.isEmpty)
        let sources = engine.reply(to: "bronnen", in: advice.state, now: 0)
        let text = sources.replies.map(\.text).joined(separator: "\n")
        #expect(text.contains("Hier komt mijn advies vandaan:") && text.contains(card.document.sources[0]))
        #expect(text.contains("gecontroleerd op \(card.document.checked)") && sources.step == advice.step)
    }
}

/// The engine's sentences and answer words are content; the checks a writer relies on.
@Suite("Sentences and answer words in content")
struct LanguageContentTests {
    @Test("every sentence is there, once, and fills in only the names the engine gives it")
    func sentences() {
        let (phrases, problems) = Phrases.parse("help\tHulp.\nhelp\tNog eens.\nalready-told\tU zei: {iets}.\nonbekend\tTekst.\n", file: "zinnen.tsv")
        #expect(problems.map(\.description).prefix(3) == [
            "zinnen.tsv:2: sentence 'help' appears twice",
            "zinnen.tsv:3: sentence 'already-told' must use {antwoord}",
            "zinnen.tsv:4: unknown sentence 'onbekend'",
        ])
        #expect(problems.contains { $0.description == "zinnen.tsv:1: sentence 'goodbye' is missing" } && phrases[.help] == "Hulp.")
    }

    @Test("the bundled sentences and words are complete, and a line break is written as \\n")
    func bundled() {
        let (phrases, phraseProblems) = Phrases.parse(BundledContent.languageFiles[0].text, file: "zinnen.tsv")
        let (_, wordProblems) = AnswerWords.parse(BundledContent.languageFiles[1].text, file: "woorden.tsv")
        #expect(phraseProblems.isEmpty && wordProblems.isEmpty)
        #expect(phrases[.help].contains("\n") && phrases.fill(.alreadyTold, ["antwoord": "ja"]) == "U vertelde het al: ja.")
    }

    @Test("a command word may belong to one command only; every kind of word must be there")
    func words() {
        let (words, problems) = AnswerWords.parse("stop\tstop, klaar\nmens\tmens, klaar\n", file: "woorden.tsv")
        #expect(problems.first?.description == "woorden.tsv:2: 'klaar' is already a command word of another command")
        #expect(problems.contains { $0.description == "woorden.tsv:1: kind 'ja' is missing" })
        #expect(words.command(["stop"]) == .stop && words.command(["ik", "wil", "stoppen", "met", "roken"]) == nil)
    }
}
