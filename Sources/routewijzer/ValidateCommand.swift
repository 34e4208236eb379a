import Dialogue
import Retrieval

/// `routewijzer validate`: every problem in Knowledge and Dialogs as `file:line: message`; exit 1 on any.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate", synopsis: "validate",
        summary: "Check Knowledge and Dialogs; prints file:line: message, exits 1 on any problem.",
        options: [Option.knowledge, Option.dialogs])

    static func run(_ arguments: Arguments) throws(CLIError) {
        guard arguments.positional.isEmpty else { throw .usage("validate takes no arguments") }
        let (base, parseProblems, directory) = try LoadedKnowledge.parse(arguments)
        let problems = parseProblems + KnowledgeValidator.problems(in: base)
        for problem in problems { Console.out("\(directory)/\(problem)") }
        let (dialogs, dialogParseProblems, dialogDirectory) = try LoadedContent.parseDialogs(arguments)
        let dialogProblems = dialogParseProblems + DialogValidator.problems(in: dialogs, knowledge: base)
        for problem in dialogProblems {
            // Route-coverage problems point at the route list, which lives in Knowledge.
            Console.out("\(problem.file == KnowledgeBase.routesFile ? directory : dialogDirectory)/\(problem)")
        }
        let total = problems.count + dialogProblems.count
        guard total == 0 else { throw .failure("\(total) problem(s) in \(directory) and \(dialogDirectory)") }
        Console.out("ok: \(base.documents.count) documents, \(base.routes.count) routes, \(base.tables.synonyms.count) synonym lines, \(base.tables.stemOverrides.count) stem overrides in \(directory)")
        let steps = dialogs.flows.reduce(0) { $0 + $1.steps.count }
        Console.out("ok: \(dialogs.flows.count) flows, \(steps) steps in \(dialogDirectory)")
    }
}
