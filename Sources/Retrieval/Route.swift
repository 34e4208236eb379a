import DutchText

/// A desk or way of getting help that an answer can point to, from `Knowledge/routes.tsv`.
public struct Route: Equatable, Sendable {
    public var id: String
    /// The Dutch name shown to clients.
    public var name: String
    /// The document whose front matter makes this route's card (desk, contact, what to bring, sources).
    public var cardDocument: String?
    public var line: Int

    public init(id: String, name: String, cardDocument: String? = nil, line: Int) {
        self.id = id
        self.name = name
        self.cardDocument = cardDocument
        self.line = line
    }

    /// Parses `id<TAB>naam[<TAB>kaart]` lines; `#` lines are comments.
    public static func parseList(_ text: String, file: String) throws(KnowledgeError) -> [Route] {
        var routes: [Route] = []
        for (index, raw) in text.lines.enumerated() {
            let line = raw.trimmed()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t").map { $0.trimmed() }
            guard fields.count >= 2, !fields[0].isEmpty else {
                throw KnowledgeError(file: file, line: index + 1, message: "expected 'id<TAB>name'")
            }
            routes.append(Route(id: fields[0], name: fields[1], cardDocument: fields.count > 2 ? fields[2] : nil, line: index + 1))
        }
        return routes
    }
}
