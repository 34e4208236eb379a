import Testing
@testable import Dialogue

/// The safety net must catch acute danger however it is put, and must not cry wolf on ordinary questions.
@Suite("Safety net")
struct SafetyNetTests {
    /// Colloquial, misspelled, shouted; about oneself and about someone else.
    static let crisis: [(text: String, category: String)] = [
        ("ik wil niet meer leven", "zelfdoding"),
        ("ik denk aan zelfmoord", "zelfdoding"),
        ("ik heb de laatste tijd zelfmoordgedachten", "zelfdoding"),
        ("mijn zoon van 16 praat steeds over zelfmoord", "zelfdoding"),
        ("ik wil er een eind aan maken", "zelfdoding"),
        ("IK WIL DOOD!!!", "zelfdoding"),
        ("soms denk ik dat iedereen beter af is zonder mij", "zelfdoding"),
        ("ik zie het niet meer zitten, ik wil gewoon dood", "zelfdoding"),
        ("mijn vriendin wil uit het leven stappen", "zelfdoding"),
        ("ik overweeg zelfdoding", "zelfdoding"),
        ("ik ben suïcidaal", "zelfdoding"),
        ("ik ben suicidaal en weet niet wat ik moet doen", "zelfdoding"),
        ("ik denk aan zelfmoort", "zelfdoding"),
        ("ik wil zelfmord plegen", "zelfdoding"),
        ("mijn vader zegt dat hij liever dood is", "zelfdoding"),
        ("ik wil van een brug springen", "zelfdoding"),
        ("ik sta op het punt om voor de trein te springen", "zelfdoding"),
        ("m'n broer wil z'n leven beëindigen", "zelfdoding"),
        ("ik wil echt niet meer leven", "zelfdoding"),
        ("ik heb geen zin meer in het leven", "zelfdoding"),
        ("mijn collega heeft het over een einde aan haar leven maken", "zelfdoding"),
        ("mijn dochter snijdt zichzelf", "zelfbeschadiging"),
        ("ik snij mezelf als het misgaat", "zelfbeschadiging"),
        ("ik doe mezelf pijn om het niet te voelen", "zelfbeschadiging"),
        ("mijn man slaat me", "geweld"),
        ("mijn partner slaat mij en de kinderen", "geweld"),
        ("ik word thuis mishandeld", "geweld"),
        ("ik hoor elke avond dat de buurman haar slaat", "geweld"),
        ("er is sprake van huiselijk geweld", "geweld"),
        ("mijn oma wordt financieel uitgebuit door de buren", "geweld"),
        ("mijn stiefvader heeft mij misbruikt", "geweld"),
        ("ik ben verkracht", "geweld"),
        ("mijn ex bedreigt me", "geweld"),
        ("ik durf niet naar huis", "geweld"),
        ("ik ben bang voor mijn man", "geweld"),
        ("ik wordt mishandelt", "geweld"),
        ("mijn dementerende vader wordt in het tehuis geslagen", "geweld"),
        ("er is sprake van ouderenmishandeling", "geweld"),
        ("mijn vader is bewusteloos", "medisch-spoed"),
        ("mijn moeder ademt niet meer", "medisch-spoed"),
        ("hij heeft een hartaanval denk ik", "medisch-spoed"),
        ("ik heb pijn op de borst", "medisch-spoed"),
        ("mijn man ligt op de grond en reageert niet", "medisch-spoed"),
        ("mijn zoon heeft een overdosis genomen", "medisch-spoed"),
        ("mijn vriend bloedt heel erg", "medisch-spoed"),
        ("ik denk dat oma een beroerte heeft", "medisch-spoed"),
        ("ik kan niet meer ademen", "medisch-spoed"),
        ("mijn kind heeft stuipen", "medisch-spoed"),
    ]

    static let crisisRoutes: Set<String> = ["noodgeval-112", "zelfmoordpreventie-113", "veilig-thuis"]

    @Test("at least 40 crisis phrasings are listed")
    func enoughPhrasings() {
        #expect(Self.crisis.count >= 40)
    }

    @Test("every crisis phrasing is caught, in its own category", arguments: crisis)
    func catches(text: String, category: String) {
        #expect(BundledContent.content.safetyCategories(in: text).contains(category))
    }

    @Test("no non-crisis development question sets it off",
          .enabled(if: BundledContent.sharedPresent, "../shared/eval/dev.tsv is absent"))
    func quietOnOrdinaryQuestions() throws {
        for question in try BundledContent.devQuestions() where question.routes.isDisjoint(with: Self.crisisRoutes) {
            #expect(BundledContent.content.safetyCategories(in: question.text).isEmpty, "\(question.text)")
        }
    }

    @Test("look-alike words and everyday phrases do not set it off", arguments: [
        "mijn zoon is geslaagd voor zijn examen",
        "de gemeente reageert niet op mijn brief",
        "mijn moeder kan niet meer zelfstandig leven",
        "mijn vader is vorig jaar overleden en nu ben ik alleen",
        "ik kom niet meer verder met de gemeente",
        "wie betaalt de eigen bijdrage",
    ])
    func quietOnLookAlikes(text: String) {
        #expect(BundledContent.content.safetyCategories(in: text).isEmpty)
    }

    @Test("the crisis answer comes in the middle of a question, with the card, then the question again")
    func interruptsAFlow() throws {
        let engine = BundledContent.engine
        let opening = engine.start(seed: 1, now: 0)
        let turn = engine.reply(to: "ik wil niet meer leven", in: opening.state, now: 1)
        #expect(turn.safetyTriggered && turn.routes == ["zelfmoordpreventie-113"])
        let text = turn.replies.map(\.text).joined(separator: "\n")
        #expect(text.contains("0800-0113") && text.contains("Dat kan hier"))
        #expect(turn.state.position == opening.state.position && !turn.ended)
    }
}
