import Dialogue
import Testing
@testable import Server

@Suite("Turn formats")
struct TurnFormatTests {
    static let replies = [
        Reply(text: "Voor wie is de hulp?", options: [Reply.Option(label: "Voor mezelf", value: "zelf"), Reply.Option(label: "Voor een naaste", value: "naaste")]),
    ]

    @Test("plain text numbers the options under their question")
    func plain() {
        #expect(TurnFormat.plain(Self.replies) == "Voor wie is de hulp?\n  1. Voor mezelf\n  2. Voor een naaste")
        #expect(TurnFormat.plain([Reply(text: "Een."), Reply(text: "Twee.")]) == "Een.\n\nTwee.")
    }

    @Test("long lines wrap at spaces and keep their column")
    func wrapping() {
        #expect(TurnFormat.wrap("een twee drie vier vijf", width: 10) == ["een twee", "drie vier", "vijf"])
        #expect(TurnFormat.wrap("  1. een twee drie vier", width: 14) == ["  1. een twee", "     drie vier"])
        #expect(TurnFormat.wrap("▸ Wmo-loket van de gemeente", width: 16) == ["▸ Wmo-loket van", "   de gemeente"])
        #expect(TurnFormat.wrap("kort", width: 20) == ["kort"] && TurnFormat.wrap("onafbreekbaarwoord", width: 5) == ["onafbreekbaarwoord"])
    }
}
