import Dialogue
import Wire
#if canImport(Glibc)
import Glibc
#endif

/// `routewijzer chat` (the default): the conversation in a terminal or over a pipe.
///
/// Readable mode shows numbered options and wraps lines; `--json` prints one turn object per input
/// line, as the servers do. Output is written unbuffered after every reply, so a program on the other
/// end of a pipe sees each answer before it sends the next line.
enum ChatCommand {
    static func run(_ arguments: Arguments) throws(CLIError) {
        try arguments.allow(flags: ["--json"], options: LoadedContent.options.union(["--seed", "--width"]))
        guard arguments.positional.isEmpty else { throw .usage("chat reads the conversation from standard input") }
        let content = try LoadedContent(arguments)
        let seed = try LoadedContent.seed(arguments)
        if arguments.has("--json") {
            json(content.engine, seed: seed)
        } else {
            readable(content.engine, seed: seed, width: try width(arguments))
        }
    }

    /// One JSON turn object per input line; after an ended conversation the next line starts a new one.
    static func json(_ engine: Engine, seed: UInt64) {
        var state = engine.newSession(seed: seed, now: Clock.now)
        while let line = readLine() {
            let turn = engine.reply(to: line, in: state, now: Clock.now)
            state = turn.state
            Console.out(String(decoding: TurnFormat.json(turn), as: UTF8.self))
        }
    }

    /// The greeting, then a turn per line, until the conversation ends or input does.
    static func readable(_ engine: Engine, seed: UInt64, width: Int?) {
        let opening = engine.start(seed: seed, now: Clock.now)
        Console.out(TurnFormat.plain(opening.replies, width: width) + "\n")
        var state = opening.state
        while let line = readLine() {
            let turn = engine.reply(to: line, in: state, now: Clock.now)
            Console.out(TurnFormat.plain(turn.replies, width: width) + "\n")
            if turn.ended { return }
            state = turn.state
        }
        // End of input (Ctrl-D) mid-conversation: the summary first, as `stop` would give it.
        Console.out(TurnFormat.plain(engine.close(state, now: Clock.now).replies, width: width))
    }

    /// `--width N`; else 80 columns in a terminal (or $COLUMNS), and no wrapping in a pipe.
    static func width(_ arguments: Arguments) throws(CLIError) -> Int? {
        if let text = arguments.value("--width") {
            guard let width = Int(text), width >= 20 else { throw .usage("--width needs a number of at least 20") }
            return width
        }
        guard Console.isTerminal else { return nil }
        return getenv("COLUMNS").flatMap { Int(String(cString: $0)) }.map { min($0, 100) } ?? 80
    }
}
