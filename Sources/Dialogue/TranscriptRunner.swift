/// Plays transcripts against the engine and reports every expectation that fails, with what the
/// turn actually said.
public struct TranscriptRunner: Sendable {
    public struct Failure: Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var line: Int
        public var expected: String
        public var actual: [String]

        /// `file:line: expected …` followed by the turn as `+` lines: a diff a content author can read.
        public var description: String {
            (["\(path):\(line): expected \(expected)", "  actual turn:"] + actual.map { "  + \($0)" }).joined(separator: "\n")
        }
    }

    /// The same seed and clock for every run, so wordings and the summary date never vary.
    public static let seed: UInt64 = 1
    public static let clock: Int64 = 1_795_392_000  // 2026-11-23 00:00 UTC

    public let engine: Engine

    public init(engine: Engine) {
        self.engine = engine
    }

    /// Every failed check of `transcript`, in order; empty when it passes.
    public func failures(of transcript: Transcript) -> [Failure] {
        var failures: [Failure] = []
        var turn = engine.start(seed: Self.seed, now: Self.clock)
        for (offset, exchange) in transcript.exchanges.enumerated() {
            if let input = exchange.input {
                turn = engine.reply(to: input, in: turn.state, now: Self.clock + Int64(offset) * 30)
            }
            for check in exchange.checks where !Self.holds(check.expectation, turn) {
                failures.append(Failure(path: transcript.path, line: check.line, expected: Self.describe(check.expectation),
                                        actual: Self.describe(turn)))
            }
        }
        return failures
    }

    static func holds(_ expectation: Transcript.Expectation, _ turn: Turn) -> Bool {
        let text = turn.replies.map(\.text).joined(separator: "\n")
        let labels = turn.replies.flatMap(\.options).map(\.label)
        switch expectation {
        case .contains(let part): return text.lowercased().contains(part.lowercased())
        case .notContains(let part): return !text.lowercased().contains(part.lowercased())
        case .matches(let pattern): return (try? Regex(pattern)).map { text.contains($0) } ?? false
        case .options(let expected): return labels == expected
        case .option(let label): return labels.contains(label)
        case .routes(let expected): return turn.routes == expected
        case .flow(let flow): return turn.flow == flow
        case .step(let step): return turn.step == step
        case .ended(let ended): return turn.ended == ended
        case .safety(let outcome): return turn.safety == outcome
        case .erased: return turn.erased
        }
    }

    static func describe(_ expectation: Transcript.Expectation) -> String {
        switch expectation {
        case .contains(let part): "text containing \"\(part)\""
        case .notContains(let part): "text without \"\(part)\""
        case .matches(let pattern): "text matching /\(pattern)/"
        case .options(let labels): "options [\(labels.joined(separator: " | "))]"
        case .option(let label): "an option \"\(label)\""
        case .routes(let routes): "routes [\(routes.joined(separator: ", "))]"
        case .flow(let flow): "flow \(flow ?? "-")"
        case .step(let step): "step \(step ?? "-")"
        case .ended(let ended): ended ? "the conversation to end" : "the conversation to go on"
        case .safety(let outcome): outcome == .none ? "no safety answer" : "the safety net's \(outcome.rawValue)"
        case .erased: "the session to be erased"
        }
    }

    static func describe(_ turn: Turn) -> [String] {
        var lines = turn.replies.flatMap { reply in
            reply.text.split(separator: "\n").map(String.init) + reply.options.map { "[\($0.label)]" }
        }
        lines.append("(routes [\(turn.routes.joined(separator: ", "))], flow \(turn.flow ?? "-"), step \(turn.step ?? "-")\(turn.ended ? ", ended" : ""))")
        return lines
    }
}
