/// The command line, split into flags, options with values, and positional arguments.
///
/// A small hand-written parser: the commands take few options, and a dependency is not allowed.
struct Arguments {
    var positional: [String] = []
    private var flags: Set<String> = []
    /// Every value given for each option, in order (`--token A --token B`).
    private var options: [String: [String]] = [:]

    /// Options that take a value; every other `--name` is a flag.
    static let valued = Set([
        "--knowledge", "--dialogs", "--batch", "--limit", "--min-top1", "--min-top3", "--min-recall", "--max-false-alarms", "--min-complete",
        "--k1", "--b", "--field-weights",
        "--seed", "--format", "--width",
    ] + ServeCommand.valued)

    init(_ arguments: some Sequence<String>) throws(CLIError) {
        var iterator = arguments.makeIterator()
        var onlyPositional = false
        while let argument = iterator.next() {
            if onlyPositional || !argument.hasPrefix("--") || argument == "-" {
                positional.append(argument)
            } else if argument == "--" {
                onlyPositional = true
            } else if let equals = argument.firstIndex(of: "=") {
                options[String(argument[..<equals]), default: []].append(String(argument[argument.index(after: equals)...]))
            } else if Self.valued.contains(argument) {
                guard let value = iterator.next() else { throw .usage("\(argument) needs a value") }
                options[argument, default: []].append(value)
            } else {
                flags.insert(argument)
            }
        }
    }

    func has(_ flag: String) -> Bool { flags.contains(flag) }

    /// The option's value; given twice, the last one counts.
    func value(_ option: String) -> String? { options[option]?.last }

    /// Every value of an option that may be given more than once.
    func values(_ option: String) -> [String] { options[option] ?? [] }

    func number(_ option: String) throws(CLIError) -> Double? {
        guard let text = value(option) else { return nil }
        guard let value = Double(text) else { throw .usage("\(option) needs a number, not '\(text)'") }
        return value
    }

    /// Fails on flags and options the command does not know, so a typo is never silently ignored.
    func allow(flags allowedFlags: Set<String>, options allowedOptions: Set<String>) throws(CLIError) {
        if let unknown = flags.subtracting(allowedFlags).sorted().first { throw .usage("unknown option \(unknown)") }
        if let unknown = Set(options.keys).subtracting(allowedOptions).sorted().first { throw .usage("unknown option \(unknown)") }
    }
}

/// What ends a command early, and the exit code it gets.
enum CLIError: Error {
    /// Wrong use of the command line: exit 2.
    case usage(String)
    /// Content or input that cannot be used, already described: exit 1.
    case failure(String)

    var exitCode: Int32 {
        switch self {
        case .usage: 2
        case .failure: 1
        }
    }

    var message: String {
        switch self {
        case .usage(let text): "error: \(text)\nRun 'routewijzer --help' for usage."
        case .failure(let text): "error: \(text)"
        }
    }
}
