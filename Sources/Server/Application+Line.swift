import Dialogue
import Wire

/// The line protocol (docs/PROTOCOL.md): JSON lines for tools, plain text for people with `nc`.
extension Application {
    /// The answer to one line. `connection` names the connection's own session for plain mode.
    public func answerLine(_ line: [UInt8], connection: String) -> [UInt8] {
        guard line.first == UInt8(ascii: "{") else {
            guard let text = String(validating: line, as: UTF8.self) else {
                return Self.lineError("invalid_utf8", "De regel is geen geldige UTF-8.")
            }
            // A connection's own session never reaches the journal, so this turn cannot be refused.
            guard let turn = self.turn(SessionKey.connection(connection), text: text) else { return Self.storageUnavailableLine }
            return Array((TurnFormat.plain(turn.replies) + "\n\n").utf8)
        }
        let message: JSONValue
        do {
            message = try JSONParser.parse(line)
        } catch {
            return Self.lineError("invalid_json", error.description)
        }
        guard let session = message["session"]?.stringValue, !session.isEmpty, session.utf8.count <= Self.maximumSessionIDLength else {
            return Self.lineError("invalid_session", "\"session\" must be a non-empty string of at most \(Self.maximumSessionIDLength) bytes")
        }
        guard let text = message["text"]?.stringValue else {
            return Self.lineError("invalid_text", "\"text\" must be a string")
        }
        let place = self.place(message["gemeente"])
        guard place != .unknown else { return Self.lineError("unknown_gemeente", "\"gemeente\" must name a gemeente of the Netherlands") }
        guard let turn = self.turn(SessionKey.named(session, namespace: ""), text: text, gemeente: place.name) else {
            return Self.storageUnavailableLine
        }
        return Self.line(TurnFormat.json(turn, session: session))
    }

    /// A line connection closed: its own session goes with it.
    public func connectionClosed(_ connection: String) {
        // A connection's own session is never journaled, so there is nothing on disk to fail.
        _ = store.erase(SessionKey.connection(connection), durably: false)
    }

    static let storageUnavailableLine = lineError("storage_unavailable", "the session could not be saved; nothing changed, try again later")

    /// The reply to a line longer than the limit (it was discarded up to its newline).
    public static func lineTooLong(_ limit: Int) -> [UInt8] {
        lineError("line_too_long", "lines are limited to \(limit) bytes; this one was discarded")
    }

    static func lineError(_ code: String, _ message: String) -> [UInt8] {
        line(JSONValue.error(code: code, message: message).bytes)
    }

    /// JSON text as one line.
    private static func line(_ json: [UInt8]) -> [UInt8] {
        var bytes = json
        bytes.append(UInt8(ascii: "\n"))
        return bytes
    }
}
