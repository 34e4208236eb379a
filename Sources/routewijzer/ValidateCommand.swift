import Retrieval

/// `routewijzer validate`: every problem in the content as `file:line: message`; exit 1 on any.
enum ValidateCommand {
    static func run(_ arguments: Arguments) throws(CLIError) {
        try arguments.allow(flags: [], options: ["--knowledge"])
        guard arguments.positional.isEmpty else { throw .usage("validate takes no arguments") }
        let (base, parseProblems, directory) = try LoadedKnowledge.parse(arguments)
        let problems = parseProblems + KnowledgeValidator.problems(in: base)
        for problem in problems { Console.out("\(directory)/\(problem)") }
        guard problems.isEmpty else { throw .failure("\(problems.count) problem(s) in \(directory)") }
        Console.out("ok: \(base.documents.count) documents, \(base.routes.count) routes, \(base.tables.synonyms.count) synonym lines, \(base.tables.stemOverrides.count) stem overrides in \(directory)")
    }
}
