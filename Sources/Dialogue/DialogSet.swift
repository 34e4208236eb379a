import Retrieval

/// All flows of a dialogue: the intake where conversations start, the other flows, and the safety net.
public struct DialogSet: Sendable {
    public static let intakeID = "intake"

    /// Flows in file order (the order matters for trigger ties and safety categories).
    public var flows: [Flow]

    public init(flows: [Flow]) {
        self.flows = flows
    }

    public func flow(_ id: String) -> Flow? { flows.first { $0.id == id } }

    public var intake: Flow? { flow(Self.intakeID) }

    /// The safety flow, if the content has one.
    public var safety: Flow? { flows.first { $0.kind == .safety } }

    /// Parses every `.md` file; files that fail are reported and left out, so one broken file does not
    /// hide the problems of the others.
    public static func parse(_ files: [SourceFile]) -> (dialogs: DialogSet, problems: [DialogError]) {
        var flows: [Flow] = []
        var problems: [DialogError] = []
        for file in files where file.path.hasSuffix(".md") {
            do {
                flows.append(try FlowParser.parse(file.text, path: file.path))
            } catch {
                problems.append(error)
            }
        }
        return (DialogSet(flows: flows), problems)
    }
}
