#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Entry point: picks the command and turns its errors into messages and exit codes.
let usage = """
    routewijzer — where to go with a complex care question in the Netherlands

    USAGE: routewijzer [COMMAND] [OPTIONS]

    COMMANDS:
      chat                       Chat in the terminal (the default). Type 'hulp' for the commands.
          --json                 One turn object per input line: {"replies":[{"text","options":[{"label","value"}]}],
                                 "routes":[],"state":{"flow","step"},"cards":[…with sources],"safety","ended"}
          --seed N               Fix the choice among alternative wordings (default: the clock).
          --width N              Wrap at N columns (default: the terminal's width, at most 100; none in a pipe).
          --debug                After each turn, why (on standard error): flow, step, answers, needs, safety, routes.
                                 In a terminal: a prompt, and the desk of a card in bold unless NO_COLOR is set.
                                 End of input (Ctrl-D) prints the summary first.
      ask "vraag"                The best routes for a question, with contact details and sources.
          --json                 One JSON object: {"query", "safety", "results": [{"id","route","title","section","score","snippet","contact"}]}.
          --batch FILE           One question per line ("-" = standard input), one answer per line.
          --limit N              Passages to rank (default 10).
          --explain              Show scores, the query terms that matched and the safety layer's findings.
      analyze                    Analyse lines from standard input: tokens, lemmas, stems, compounds, synonyms, clauses, cues.
          --stems                One word per line in, its Snowball stem out (the bare algorithm).
          --safety               Also what the safety layer concludes, and which signal or classifier score fired.
      eval FILE.tsv              Route accuracy on 'question<TAB>route,route' lines: top-1, top-3, MRR@10, misses.
          --min-top1 X, --min-top3 X   Exit 1 when accuracy is below X.
          --safety               Safety layer on 'bericht<TAB>categorie<TAB>nu|verleden|-' lines, as the first message
                                 and mid-conversation: recall per category, false alarms, mistakes (docs/SAFETY.md).
          --min-recall X, --max-false-alarms X   Exit 1 outside these bounds (and whenever a crisis ends a conversation).
          --needs                Stories with several needs, 'verhaal<TAB>route,route': how many needs the conversation
                                 takes up without asking back, against the first flow alone (docs/DIALOGS.md).
          --min-recall X, --min-complete X   With --needs: exit 1 below these.  --show-mistakes  List the misses.
      validate                   Check Knowledge and Dialogs; prints file:line: message, exits 1 on any problem.
      test [DIR]                 Play the conversation transcripts (default: Tests/Conversations); exit 1 on a failure.
      serve                      Serve the line protocol and the HTTP webhook (docs/PROTOCOL.md, docs/openapi.yaml).
          --line HOST:PORT|unix:PATH   Line protocol address (default 127.0.0.1:7070 when neither is given).
          --http HOST:PORT|unix:PATH   HTTP webhook address (default 127.0.0.1:8080 when neither is given).
          --token T1,T2          Bearer tokens (comma-separated or repeated); each token's sessions are its own, also
                                 across restarts. Without: no authentication. An empty token is a usage error.
          --max-line-bytes N     Longest line (default 8192).      --max-body-bytes N    Largest body (default 65536).
          --max-header-bytes N   Largest head (default 16384).     --max-connections N   Open connections per listener (default 1024).
          --max-sessions N       Sessions in memory (default 10000). --session-ttl S     Idle seconds (default 1800).
          --max-output-bytes N   Unread answers per connection before the server stops reading it (default 1048576).
          --cors-origin O        A web origin that may call the webhook from a browser (repeat or comma-separate; * for any).
          --request-timeout S    Seconds to send a request (default 10). --idle-timeout S Silent seconds (default 60).
          --loops N              Event-loop threads (default: one per core). --log-level L  debug|info|warn|error.
          --log-messages         Also log each turn with its message text (off by default: no text in logs).
          --sessions FILE        Keep sessions in an append-only journal: each change is written before the
                                 answer, fsync every 50 ms, compaction rewrites live sessions; recovery ignores a torn tail.
          Every option can also be set as ROUTEWIJZER_<NAME>, e.g. ROUTEWIJZER_HTTP=0.0.0.0:8080.
          SIGTERM/SIGINT stop gracefully: no new connections, every request already sent is answered, exit within 5 s.
          SIGHUP reloads Knowledge and Dialogs (kept when invalid).
      graph [FLOW]               Draw the flows (all, or FLOW) for reviewers.
          --format mermaid|dot   Picture format (default mermaid).

    OPTIONS FOR EVERY COMMAND:
      --knowledge DIR            Knowledge directory (default: ./Knowledge, then next to the executable).
      --dialogs DIR              Dialogs directory (default: ./Dialogs, then next to the executable).
      --k1 X, --b X              BM25 parameters (default k1 1.2, b 0.5).
      --field-weights T,K,B      Weights of title, keywords and body (default 2.5,2,1).
      -h, --help                 Show this help (after a command: that command's options).
      --version                  Show the version.

    EXIT CODES: 0 success, 1 content or input problem, 2 wrong usage.
    """

/// The program's version, printed by `--version` and in the serve log.
let version = "routewijzer 0.14.0"

/// `routewijzer COMMAND --help`: the usage's header, that command's block and the options for every
/// command; the whole usage for an unknown or no command.
func help(for command: String?) -> String {
    let lines = usage.split(separator: "\n", omittingEmptySubsequences: false)
    guard let command, let start = lines.firstIndex(where: { $0.hasPrefix("  " + command + " ") || $0 == "  " + command }),
          let commandsStart = lines.firstIndex(of: "COMMANDS:"), let common = lines.firstIndex(of: "OPTIONS FOR EVERY COMMAND:")
    else { return usage }
    let end = lines[(start + 1)...].firstIndex { !$0.hasPrefix("      ") && !$0.hasPrefix("     ") } ?? common
    return (lines[..<commandsStart] + ["COMMAND:"] + lines[start..<end] + [""] + lines[common...]).joined(separator: "\n")
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--version") {
    Console.out(version)
    exit(0)
}
if arguments.contains("--help") || arguments.contains("-h") || arguments.first == "help" {
    let command = arguments.first.flatMap { $0.hasPrefix("-") ? nil : $0 == "help" ? arguments.dropFirst().first : $0 }
    Console.out(help(for: command))
    exit(0)
}
let commands: [String: (Arguments) throws(CLIError) -> Void] = [
    "chat": ChatCommand.run, "ask": AskCommand.run, "analyze": AnalyzeCommand.run,
    "eval": EvalCommand.run, "validate": ValidateCommand.run, "test": TestCommand.run, "graph": GraphCommand.run,
    "serve": ServeCommand.run,
]
var name = "chat"
if let first = arguments.first, !first.hasPrefix("-") {
    name = first
    arguments.removeFirst()
}
do throws(CLIError) {
    guard let command = commands[name] else { throw .usage("unknown command '\(name)'") }
    try command(try Arguments(arguments))
} catch {
    Console.error(error.message)
    exit(error.exitCode)
}
