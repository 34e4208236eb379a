import DutchText

/// A desk or way of getting help that an answer can point to, from `Knowledge/routes.tsv`.
public struct Route: Equatable, Sendable {
    public var id: String
    /// The Dutch name shown to clients.
    public var name: String
    public var line: Int

    /// Parses `id<TAB>naam` lines; `#` lines are comments.
    public static func parseList(_ text: String, file: String) throws(KnowledgeError) -> [Route] {
        var routes: [Route] = []
        for (index, raw) in text.lines.enumerated() {
            let line = raw.trimmed()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t").map { $0.trimmed() }
            guard fields.count >= 2, !fields[0].isEmpty else {
                throw KnowledgeError(file: file, line: index + 1, message: "expected 'id<TAB>name'")
            }
            routes.append(Route(id: fields[0], name: fields[1], line: index + 1))
        }
        return routes
    }
}
