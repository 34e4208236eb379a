import Dialogue

/// The two ways a turn leaves the process: the JSON turn object (chat --json, the servers) and plain
/// text with numbered options (the terminal, the plain line protocol).
public enum TurnFormat {
    /// `{"replies":[{"text","options":[{"label","value"}]}],"routes":[],"state":{"flow","step"},"ended"}`
    public static func json(_ turn: Turn, extra: [(String, JSONValue)] = []) -> JSONValue {
        .object(extra + [
            ("replies", .array(turn.replies.map { reply in
                .object([
                    ("text", .string(reply.text)),
                    ("options", .array(reply.options.map { .object([("label", .string($0.label)), ("value", .string($0.value))]) })),
                ])
            })),
            ("routes", .array(turn.routes.map(JSONValue.string))),
            ("state", .object([
                ("flow", turn.flow.map(JSONValue.string) ?? .null),
                ("step", turn.step.map(JSONValue.string) ?? .null),
            ])),
            ("ended", .bool(turn.ended)),
        ])
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
    /// a card's "▸" so the text stays in its column.
    static func wrap(_ line: String, width: Int?) -> [String] {
        guard let width, line.count > width else { return [line] }
        let indent = String(line.prefix { $0 == " " })
        let body = line.dropFirst(indent.count)
        let hangs = body.hasPrefix("▸ ") || body.prefix { $0.isNumber }.count > 0 && body.drop { $0.isNumber }.hasPrefix(". ")
        let continuation = indent + (hangs ? "   " : "")
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
