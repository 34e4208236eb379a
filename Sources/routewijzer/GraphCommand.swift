import Dialogue

/// `routewijzer graph [--format mermaid|dot] [FLOW]`: the flows as a picture for content reviewers.
enum GraphCommand {
    static let spec = CommandSpec(
        name: "graph", synopsis: "graph [FLOW]", summary: "Draw the flows (all, or FLOW) for reviewers.",
        options: [Option("--format", "mermaid|dot", "Picture format (default mermaid)."), Option.dialogs])

    static func run(_ arguments: Arguments) throws(CLIError) {
        guard arguments.positional.count <= 1 else { throw .usage("graph takes at most one flow id") }
        guard let format = FlowGraph.Format(rawValue: arguments.value("--format") ?? "mermaid") else {
            throw .usage("--format must be mermaid or dot")
        }
        let (dialogs, problems, directory) = try LoadedContent.parseDialogs(arguments)
        guard problems.isEmpty else {
            throw .failure(problems.map { "\(directory)/\($0)" }.joined(separator: "\n"))
        }
        var flows = dialogs.flows.filter { $0.kind == .flow }
        if let id = arguments.positional.first {
            guard let flow = dialogs.flow(id) else {
                throw .failure("no flow '\(id)'; flows: \(dialogs.flows.map(\.id).joined(separator: ", "))")
            }
            flows = [flow]
        }
        Console.out(FlowGraph.render(flows, format: format))
    }
}
