/// Pictures of flows for content reviewers: Mermaid (renders on code hosts) and Graphviz dot.
public enum FlowGraph {
    public enum Format: String, Sendable {
        case mermaid, dot
    }

    /// An edge of the picture: from a step to a step, another flow, or a sub-flow call.
    struct Edge: Equatable {
        var from: String
        var to: String
        var label: String
    }

    struct Node: Equatable {
        var id: String
        var label: String
        var isEnd: Bool
    }

    public static func render(_ flows: [Flow], format: Format) -> String {
        switch format {
        case .mermaid: mermaid(flows)
        case .dot: dot(flows)
        }
    }

    static func mermaid(_ flows: [Flow]) -> String {
        var lines = ["flowchart TD"]
        for flow in flows {
            let (nodes, edges) = graph(flow)
            lines.append("  subgraph \(flow.id)[\"\(escape(flow.title))\"]")
            for node in nodes {
                lines.append(node.isEnd ? "    \(node.id)([\"\(escape(node.label))\"])" : "    \(node.id)[\"\(escape(node.label))\"]")
            }
            lines.append("  end")
            for edge in edges {
                lines.append(edge.label.isEmpty ? "  \(edge.from) --> \(edge.to)" : "  \(edge.from) -->|\"\(escape(edge.label))\"| \(edge.to)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func dot(_ flows: [Flow]) -> String {
        var lines = ["digraph dialogs {", "  rankdir=TB;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for flow in flows {
            let (nodes, edges) = graph(flow)
            lines.append("  subgraph \"cluster_\(flow.id)\" {")
            lines.append("    label=\"\(escape(flow.title))\";")
            for node in nodes {
                lines.append("    \"\(node.id)\" [label=\"\(escape(node.label))\"\(node.isEnd ? ", shape=oval" : "")];")
            }
            lines.append("  }")
            for edge in edges {
                lines.append("  \"\(edge.from)\" -> \"\(edge.to)\"\(edge.label.isEmpty ? "" : " [label=\"\(escape(edge.label))\"]");")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }

    /// Node ids are `flow__step`, unique across flows; a jump to another flow points at its start.
    static func graph(_ flow: Flow) -> (nodes: [Node], edges: [Edge]) {
        func id(_ step: String, in flowID: String = flow.id) -> String { "\(flowID)__\(step)".replacing("-", with: "_") }
        func node(_ target: Target) -> String {
            switch target {
            case .step(let step): id(step)
            case .flow(let other): id("start", in: other) + "_entry"
            }
        }
        var nodes: [Node] = []
        var edges: [Edge] = []
        var external: Set<String> = []
        for step in flow.steps {
            let routes = (step.end ?? []) + step.advice
            var label = step.question?.variants.first ?? step.messages.first?.variants.first ?? step.id
            if !routes.isEmpty { label += "\n→ " + routes.map(\.route).joined(separator: ", ") }
            nodes.append(Node(id: id(step.id), label: "\(step.id): \(label)", isEnd: step.end != nil))
            var targets = step.options.compactMap { option in option.target.map { ($0, option.label) } }
            targets += step.branches.map { ($0.target, "als " + $0.condition.description) }
            if let next = step.next { targets.append((next, targets.isEmpty ? "" : "anders")) }
            if let otherwise = step.otherwise { targets.append((otherwise, "niet duidelijk")) }
            if let call = step.call { targets.append((.flow(call), "roept aan")) }
            for (target, edgeLabel) in targets {
                edges.append(Edge(from: id(step.id), to: node(target), label: edgeLabel))
                if case .flow(let other) = target { external.insert(other) }
            }
        }
        for other in external.sorted() {
            nodes.append(Node(id: id("start", in: other) + "_entry", label: "@" + other, isEnd: false))
        }
        return (nodes, edges)
    }

    /// Quotes and line breaks in labels, in a form both Mermaid and dot accept.
    static func escape(_ text: String) -> String {
        text.replacing("\"", with: "'").replacing("\n", with: "<br/>")
    }
}
