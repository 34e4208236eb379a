/// The command line, split into flags, options with values, and positional arguments.
///
/// A small hand-written parser: the commands take few options, and a dependency is not allowed.
struct Arguments {
    var positional: [String] = []
    private var flags: Set<String> = []
    /// Every value given for each option, in order (`--token A --token B`).
    private var options: [String: [String]] = [:]

    /// Reads `arguments` against the options `command` declares: an option it does not declare is a
    /// usage error, so a typo is never silently ignored.
    init(_ arguments: some Sequence<String>, for command: CommandSpec) throws(CLIError) {
        let declared = Dictionary(command.options.map { ($0.name, $0.value != nil) }, uniquingKeysWith: { first, _ in first })
        var iterator = arguments.makeIterator()
        var onlyPositional = false
        while let argument = iterator.next() {
            if onlyPositional || !argument.hasPrefix("--") || argument == "-" {
                positional.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositional = true
                continue
            }
            let equals = argument.firstIndex(of: "=")
            let name = equals.map { String(argument[..<$0]) } ?? argument
            guard let takesValue = declared[name] else { throw .usage("unknown option \(name) for '\(command.name)'") }
            if let equals {
                guard takesValue else { throw .usage("\(name) takes no value") }
                options[name, default: []].append(String(argument[argument.index(after: equals)...]))
            } else if takesValue {
                guard let value = iterator.next() else { throw .usage("\(argument) needs a value") }
                options[name, default: []].append(value)
            } else {
                flags.insert(name)
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

    var isUsage: Bool {
        if case .usage = self { true } else { false }
    }

    var message: String {
        switch self {
        case .usage(let text), .failure(let text): "error: \(text)"
        }
    }
}
