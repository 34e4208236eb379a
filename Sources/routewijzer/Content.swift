#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dialogue
import Retrieval

/// Knowledge and Dialogs together, validated: what the conversation commands run on.
struct LoadedContent {
    let engine: Engine
    let knowledge: LoadedKnowledge

    /// Loads both directories. Any problem stops the command: a flow that points nowhere would leave
    /// a person stuck mid-conversation.
    init(_ arguments: Arguments) throws(CLIError) {
        knowledge = try LoadedKnowledge(arguments)
        let (dialogs, parseProblems, directory) = try Self.parseDialogs(arguments)
        let problems = parseProblems + DialogValidator.problems(in: dialogs, knowledge: knowledge.base)
        guard problems.isEmpty else {
            throw .failure(problems.map { "\(directory)/\($0)" }.joined(separator: "\n") + "\n\(problems.count) problem(s) in \(directory)")
        }
        engine = Engine(content: DialogueContent(dialogs: dialogs, knowledge: knowledge.base, index: knowledge.index,
                                                 safetyNet: knowledge.safetyNet))
    }

    static func parseDialogs(_ arguments: Arguments) throws(CLIError) -> (DialogSet, [DialogError], String) {
        do {
            return try DialogLoader.load(explicit: arguments.value("--dialogs"), executablePath: Console.executablePath)
        } catch {
            throw .failure(error.description)
        }
    }

    /// `--seed N`, else the clock: the seed only picks among alternative wordings.
    static func seed(_ arguments: Arguments) throws(CLIError) -> UInt64 {
        guard let text = arguments.value("--seed") else { return UInt64(Clock.now) }
        guard let seed = UInt64(text) else { throw .usage("--seed needs a whole number, not '\(text)'") }
        return seed
    }
}

/// Wall-clock seconds, the only clock the engine sees.
enum Clock {
    static var now: Int64 { Int64(time(nil)) }
}
