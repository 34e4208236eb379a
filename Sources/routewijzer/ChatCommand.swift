import Dialogue
import Server
#if canImport(Glibc)
import Glibc
#endif

/// `routewijzer chat` (the default): the conversation in a terminal or over a pipe.
///
/// Readable mode shows numbered options and wraps lines; `--json` prints one turn object per input
/// line, as the servers do. Output is written unbuffered after every reply, so a program on the other
/// end of a pipe sees each answer before it sends the next line.
enum ChatCommand {
    static let spec = CommandSpec(
        name: "chat", synopsis: "chat", summary: "Chat in the terminal (the default). Type 'hulp' for the commands.",
        options: [
            Option("--json", nil, """
                One turn object per input line: {"replies":[{"text","options":[{"label","value"}]}],
                "routes":[],"state":{"flow","step"},"cards":[…with sources],"safety","ended"}
                """),
            Option("--seed", "N", "Fix the choice among alternative wordings (default: the clock)."),
            Option("--width", "N", "Wrap at N columns (default: the terminal's width, at most 100; none in a pipe)."),
            Option("--debug", nil, "After each turn, why (on standard error): flow, step, answers, needs, safety, routes."),
            Option.gemeente,
        ] + Option.content,
        notes: [
            "In a terminal: a prompt, and the desk of a card in bold unless NO_COLOR is set.",
            "End of input (Ctrl-D) prints the summary first.",
        ])

    static func run(_ arguments: Arguments) throws(CLIError) {
        guard arguments.positional.isEmpty else { throw .usage("chat reads the conversation from standard input") }
        let content = try LoadedContent(arguments)
        let seed = try LoadedContent.seed(arguments)
        let gemeente = try content.knowledge.gemeente(arguments)
        if arguments.has("--json") {
            json(content.engine, seed: seed, gemeente: gemeente)
        } else {
            readable(content.engine, seed: seed, gemeente: gemeente, terminal: Terminal.current(width: try width(arguments)),
                     debug: arguments.has("--debug"))
        }
    }

    /// One JSON turn object per input line; after an ended conversation the next line starts a new one.
    static func json(_ engine: Engine, seed: UInt64, gemeente: String?) {
        var state = engine.newSession(seed: seed, now: Clock.now, gemeente: gemeente)
        while let line = readLine() {
            let turn = engine.reply(to: line, in: state, now: Clock.now)
            state = turn.state
            Console.out(String(decoding: TurnFormat.json(turn), as: UTF8.self))
        }
    }

    /// The greeting, then a turn per line, until the conversation ends or input does. With `debug`,
    /// each turn is followed by why (on standard error, so the conversation itself stays clean).
    static func readable(_ engine: Engine, seed: UInt64, gemeente: String?, terminal: Terminal, debug: Bool) {
        func show(_ turn: Turn) {
            Console.out(terminal.styled(TurnFormat.plain(turn.replies, width: terminal.width)) + "\n")
        }
        let opening = engine.start(seed: seed, now: Clock.now)
        show(opening)
        var state = opening.state
        state.gemeente = gemeente
        while true {
            if terminal.prompts { Console.write(Terminal.prompt) }
            guard let line = readLine() else { break }
            if terminal.prompts { Console.out("") }
            let turn = engine.reply(to: line, in: state, now: Clock.now)
            show(turn)
            if debug { Console.error(DebugReport.text(line, turn: turn, content: engine.content)) }
            if turn.ended { return }
            state = turn.state
        }
        // End of input (Ctrl-D) mid-conversation: the summary first, as `stop` would give it.
        if terminal.prompts { Console.out("\n") }
        Console.out(terminal.styled(TurnFormat.plain(engine.close(state, now: Clock.now).replies, width: terminal.width)))
    }

    /// `--width N` (at least 20), or nil to follow the terminal.
    static func width(_ arguments: Arguments) throws(CLIError) -> Int? {
        guard let text = arguments.value("--width") else { return nil }
        guard let width = Int(text), width >= 20 else { throw .usage("--width needs a number of at least 20") }
        return width
    }
}
