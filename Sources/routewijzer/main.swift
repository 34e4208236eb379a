#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Entry point: picks the command and turns its errors into messages and exit codes.
let commands: [(spec: CommandSpec, run: (Arguments) throws(CLIError) -> Void)] = [
    (ChatCommand.spec, ChatCommand.run), (AskCommand.spec, AskCommand.run), (AnalyzeCommand.spec, AnalyzeCommand.run),
    (EvalCommand.spec, EvalCommand.run), (ValidateCommand.spec, ValidateCommand.run), (TestCommand.spec, TestCommand.run),
    (ServeCommand.spec, ServeCommand.run), (GraphCommand.spec, GraphCommand.run),
]

let header = """
    routewijzer — where to go with a complex care question in the Netherlands

    USAGE: routewijzer [COMMAND] [OPTIONS]


    """
let footer = """

    OPTIONS FOR EVERY COMMAND:
      -h, --help                 Show this help; after a command, that command's options ('routewijzer serve --help').
      --version                  Show the version.

    EXIT CODES: 0 success, 1 content or input problem, 2 wrong usage.
    """

/// The commands with their summaries, or with `command` that command's block with every option; both
/// are written from the commands' specs.
@MainActor func help(for command: String?) -> String {
    if let command, let spec = commands.first(where: { $0.spec.name == command })?.spec {
        return header + "COMMAND:\n" + spec.help + "\n" + footer
    }
    return header + "COMMANDS:\n" + commands.map(\.spec.summaryLine).joined(separator: "\n") + "\n" + footer
}

/// The program's version, printed by `--version` and in the serve log.
let version = "routewijzer 0.14.0"

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
var name = "chat"
if let first = arguments.first, !first.hasPrefix("-") {
    name = first
    arguments.removeFirst()
}
do throws(CLIError) {
    guard let command = commands.first(where: { $0.spec.name == name }) else { throw .usage("unknown command '\(name)'") }
    try command.run(try Arguments(arguments, for: command.spec))
} catch {
    let known = commands.contains { $0.spec.name == name }
    Console.error(error.message + (error.isUsage ? "\nRun 'routewijzer \(known ? name + " " : "")--help' for usage." : ""))
    exit(error.exitCode)
}
