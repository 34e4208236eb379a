/// A scripted conversation from one file in `Dialogs/`: steps that say something, may ask one
/// question, and say where to go next.
public struct Flow: Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// An ordinary flow, started from the intake, a trigger or another flow.
        case flow
        /// The safety net: each step is a category of acute danger, checked on every input.
        case safety
    }

    public var id: String
    public var title: String
    public var kind: Kind
    /// Phrases in free text that start this flow.
    public var triggers: [Phrase]
    /// The routes this flow takes up: a need the understanding layer finds in a story, on one of
    /// these routes, is handled by this flow.
    public var routes: [String] = []
    /// Phrases that, in a story about someone else, show the writer carries too much ("ik ben op",
    /// "geen energie meer"): a need for this flow, though alone they would not start it.
    public var carerSigns: [Phrase] = []
    public var startStep: String
    public var steps: [Step]
    public var path: String
    /// Lines of the front-matter fields, for messages.
    public var fieldLines: [String: Int]

    /// The step with `id`, if the flow has it.
    public func step(_ id: String) -> Step? { steps.first { $0.id == id } }
}

/// A line of the flow file that an author wrote, kept with its line number for messages.
public struct Phrase: Equatable, Sendable {
    public var text: String
    public var line: Int
}

/// Where a step goes next: a step of the same flow, or the start of another flow.
public enum Target: Equatable, Sendable, CustomStringConvertible {
    case step(String)
    case flow(String)

    init(_ text: String) {
        self = text.hasPrefix("@") ? .flow(String(text.dropFirst())) : .step(text)
    }

    public var description: String {
        switch self {
        case .step(let id): id
        case .flow(let id): "@" + id
        }
    }
}

/// A route to recommend, optionally with the document that should make its card.
public struct RouteReference: Equatable, Sendable, Codable, CustomStringConvertible {
    public var route: String
    public var document: String?

    public init(route: String, document: String? = nil) {
        self.route = route
        self.document = document
    }

    /// Parses `route` or `route/document-id`.
    init(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        route = parts.first ?? ""
        document = parts.count > 1 ? parts[1] : nil
    }

    public var description: String { document.map { "\(route)/\($0)" } ?? route }
}
