import Dialogue
import Wire

/// The two ways a turn leaves the process: the JSON turn object (chat --json, the servers) and plain
/// text with numbered options (the terminal, the plain line protocol).
public enum TurnFormat {
    /// `{"session","replies":[{"text","options":[{"label","value"}]}],"routes":[],"state":{"flow","step"},"cards":[…],"safety","ended"}`,
    /// with each card's desk, contact, what to bring and its sources (see `write(_:RouteCard)`),
    /// with `safety` one of `none`, `check` (the safety net asked whether someone is in danger now) or
    /// `alarm` (it showed the crisis card first),
    /// `session` only when given. Written straight as bytes: every server response carries a turn
    /// object, and building a `JSONValue` tree first cost an array per object and list.
    public static func json(_ turn: Turn, session: String? = nil) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        output += "{".utf8
        if let session {
            output += #""session":"#.utf8
            JSONValue.writeString(session, to: &output)
            output += ",".utf8
        }
        output += #""replies":["#.utf8
        for (index, reply) in turn.replies.enumerated() {
            if index > 0 { output += ",".utf8 }
            write(reply, to: &output)
        }
        output += #"],"routes":["#.utf8
        for (index, route) in turn.routes.enumerated() {
            if index > 0 { output += ",".utf8 }
            JSONValue.writeString(route, to: &output)
        }
        output += #"],"state":{"flow":"#.utf8
        JSONValue.writeString(orNull: turn.flow, to: &output)
        output += #","step":"#.utf8
        JSONValue.writeString(orNull: turn.step, to: &output)
        output += #"},"cards":["#.utf8
        for (index, card) in turn.cards.enumerated() {
            if index > 0 { output += ",".utf8 }
            write(card, to: &output)
        }
        output += #"],"safety":""#.utf8
        output += turn.safety.rawValue.utf8
        output += #"","ended":"#.utf8
        output += (turn.ended ? "true}" : "false}").utf8
        return output
    }

    /// `{"route","name","document","title","why","contact","bring":[],"sources":[],"checked","gemeente","overlay"}`:
    /// `gemeente` the card is for and `overlay` the file that gave its local desk, each `null` when none.
    private static func write(_ card: RouteCard, to output: inout [UInt8]) {
        let fields: [(String, String)] = [
            ("route", card.route.id), ("name", card.route.name), ("document", card.document.id), ("title", card.document.title),
            ("why", card.document.summary), ("contact", card.contact),
        ]
        output += "{".utf8
        for (name, value) in fields {
            output += "\"\(name)\":".utf8
            JSONValue.writeString(value, to: &output)
            output += ",".utf8
        }
        for (name, list) in [("bring", card.prepare), ("sources", card.sources)] {
            output += "\"\(name)\":[".utf8
            for (index, item) in list.enumerated() {
                if index > 0 { output += ",".utf8 }
                JSONValue.writeString(item, to: &output)
            }
            output += "],".utf8
        }
        output += #""checked":"#.utf8
        JSONValue.writeString(card.document.checked, to: &output)
        output += #","gemeente":"#.utf8
        JSONValue.writeString(orNull: card.gemeente?.name, to: &output)
        output += #","overlay":"#.utf8
        JSONValue.writeString(orNull: card.local == nil ? nil : card.overlay?.path, to: &output)
        output += "}".utf8
    }

    /// `{"text","options":[{"label","value"}]}`
    private static func write(_ reply: Reply, to output: inout [UInt8]) {
        output += #"{"text":"#.utf8
        JSONValue.writeString(reply.text, to: &output)
        output += #","options":["#.utf8
        for (index, option) in reply.options.enumerated() {
            if index > 0 { output += ",".utf8 }
            output += #"{"label":"#.utf8
            JSONValue.writeString(option.label, to: &output)
            output += #","value":"#.utf8
            JSONValue.writeString(option.value, to: &output)
            output += "}".utf8
        }
        output += "]}".utf8
    }

    /// The replies as readable text: paragraphs separated by a blank line, options numbered, lines
    /// wrapped at `width` columns when given (continuation lines keep the indentation).
    public static func plain(_ replies: [Reply], width: Int? = nil) -> String {
        replies.map { reply in
            var lines = reply.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines += reply.options.enumerated().map { "  \($0.offset + 1). \($0.element.label)" }
            return lines.flatMap { wrap($0, width: width) }.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }

    /// Breaks a line at spaces so that no piece exceeds `width`, unless a single word does.
    /// Continuation lines keep the line's indentation, plus three spaces under a numbered option or
    /// a card's "▸" and two under a "- " list item, so the text stays in its column.
    static func wrap(_ line: String, width: Int?) -> [String] {
        guard let width, line.count > width else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        let body = line.dropFirst(indent.count)
        let hangs = body.hasPrefix("▸ ") || body.prefix { $0.isNumber }.count > 0 && body.drop { $0.isNumber }.hasPrefix(". ")
        let continuation = indent + (hangs ? "   " : body.hasPrefix("- ") ? "  " : "")
        var lines: [String] = []
        var current = ""
        for word in body.split(separator: " ") {
            let prefix = lines.isEmpty ? indent : continuation
            if !current.isEmpty && prefix.count + current.count + 1 + word.count > width {
                lines.append(prefix + current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        lines.append((lines.isEmpty ? indent : continuation) + current)
        return lines
    }
}
