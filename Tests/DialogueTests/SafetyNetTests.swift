import Testing
import Retrieval
@testable import Dialogue

/// The safety layer in the conversation: every category, as the first message and mid-conversation;
/// negation, past and the three outcomes; and never a crisis read as an answer.
@Suite("Safety net in the conversation")
struct SafetyNetTests {
    /// Written for these tests, in several registers; about oneself and about someone else.
    static let crisis: [(text: String, category: String)] = [
        ("mijn opa is ineens omgevallen en is bewusteloos", "medisch-spoed"),
        ("mijn vrouw krijgt geen lucht meer en haar lippen worden blauw", "medisch-spoed"),
        ("mijn vader heeft pijn op de borst en hij zweet heel erg", "medisch-spoed"),
        ("mn broer hoort stemmen die zeggen dat hij de buren moet doodmaken", "psychose-gevaar"),
        ("mijn zoon staat met een mes te zwaaien en dreigt iedereen neer te steken", "psychose-gevaar"),
        ("ik wil niet meer leven", "zelfdoding"),
        ("ik denk er steeds aan om een einde aan mijn leven te maken", "zelfdoding"),
        ("ik heb zelfmoordgedachten", "zelfdoding"),
        ("ik snij mezelf weer elke avond", "zelfbeschadiging"),
        ("mijn dochter van 15 krast met een mesje in haar armen", "zelfbeschadiging"),
        ("mijn man slaat me als hij gedronken heeft", "partnergeweld"),
        ("hij knijpt mijn keel dicht als ik iets verkeerd zeg", "partnergeweld"),
        ("de buurman schudt zijn baby hard door elkaar", "kindermishandeling"),
        ("mijn tante heeft het geld van oma afgepakt en oma heeft niks meer", "ouderenmishandeling"),
        ("ik ben gisteravond verkracht", "seksueel-geweld"),
        ("hij dwong me tot seks terwijl ik nee zei", "seksueel-geweld"),
    ]

    static let ordinary = [
        "de gemeente heeft mijn aanvraag afgeslagen, hoe maak ik bezwaar",
        "mijn moeder roept de hele nacht en ik slaap zelf niet meer",
        "ik wil niet meer verder met deze thuiszorgorganisatie",
        "het stikt hier van de formulieren",
        "mijn vader heeft vorig jaar een beroerte gehad, wie helpt met revalidatie",
        "ik ben docent en wil een cursus over signalen van kindermishandeling",
        "wie betaalt de eigen bijdrage voor de wijkverpleging",
    ]

    static let engine = BundledContent.engine

    static func firstMessage(_ text: String) -> Turn {
        engine.reply(to: text, in: engine.newSession(seed: 1, now: 0), now: 1)
    }

    /// A conversation waiting at a yes/no question ("Is het avond of weekend?" comes after the
    /// intake's danger question), then `text`.
    static func midConversation(_ text: String) -> (before: Turn, after: Turn) {
        var turn = engine.reply(to: "iets anders", in: engine.newSession(seed: 1, now: 0), now: 1)
        turn = engine.reply(to: "nee", in: turn.state, now: 2)
        return (turn, engine.reply(to: text, in: turn.state, now: 3))
    }

    @Test("every category is caught as the first message, with its crisis card", arguments: crisis)
    func first(text: String, category: String) {
        let turn = Self.firstMessage(text)
        #expect(turn.safety != .none)
        #expect(BundledContent.content.safetyAssessment(of: text).categories.contains(category))
    }

    @Test("every category is caught mid-conversation; the conversation waits where it was", arguments: crisis)
    func middle(text: String, category: String) {
        let (before, after) = Self.midConversation(text)
        #expect(after.safety != .none && !after.ended)
        #expect(after.state.position == before.state.position)
    }

    @Test("ordinary questions that share the words of a crisis get no safety answer", arguments: ordinary)
    func quiet(text: String) {
        #expect(Self.firstMessage(text).safety == .none)
    }

    @Test("the three outcomes: alarm now, check for the past; a denial is at most a gentle check")
    func outcomes() {
        #expect(Self.firstMessage("mijn partner slaat me").safety == .alarm)
        #expect(Self.firstMessage("vorig jaar heeft mijn ex me geslagen, nu woon ik alleen").safety == .check)
        #expect(Self.firstMessage("ik heb helemaal geen zelfmoordgedachten hoor, ik zoek een maatje").safety != .alarm)
        #expect(Self.firstMessage("ik zoek een maatje voor mijn vader").safety == .none)
    }

    @Test("an alarm shows the first help and the category's card, then the question again")
    func alarmCard() {
        let opening = Self.engine.start(seed: 1, now: 0)
        let turn = Self.engine.reply(to: "ik wil niet meer leven", in: opening.state, now: 1)
        let text = turn.replies.map(\.text).joined(separator: "\n")
        #expect(turn.safety == .alarm && turn.routes.first == "zelfmoordpreventie-113")
        #expect(text.contains("0800-0113") && text.contains("Dat kan hier"))
        #expect(turn.state.position == opening.state.position && !turn.ended)
    }

    @Test("sexual violence shows the Centrum Seksueel Geweld first")
    func sexualViolence() {
        let text = Self.firstMessage("ik ben gisteravond verkracht").replies.map(\.text).joined(separator: "\n")
        #expect(text.contains("0800-0188"))
    }

    @Test("a check on an open question still answers the question itself")
    func checkOnOpenQuestion() {
        let turn = Self.firstMessage("vorig jaar heeft mijn ex me geslagen, nu woon ik alleen en zoek ik huishoudelijke hulp")
        let text = turn.replies.map(\.text).joined(separator: "\n")
        #expect(turn.safety == .check && text.contains("nu in gevaar"))
        #expect(turn.routes.count > 1)
    }

    @Test("a message with content of its own is not read as a bare no")
    func notABareNo() {
        #expect(BundledContent.content.words.yesNo(["nee"]) == "nee" && BundledContent.content.words.yesNo(["liever", "niet"]) == "nee")
        #expect(BundledContent.content.words.yesNo(["nee", "hoor", "dat", "is", "niet", "nodig"]) == "nee")
        #expect(BundledContent.content.words.yesNo("ik wil er eigenlijk niet meer zijn".split(separator: " ").map(String.init)) == nil)
    }
}
