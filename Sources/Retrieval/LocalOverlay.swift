/// One gemeente's own desks (`gemeenten/<gemeente>.md`): per route, the local desk that replaces
/// the national card's contact there. "Elke gemeente organiseert het anders": what the overlay leaves
/// out stays national. The format is in docs/KNOWLEDGE.md.
public struct LocalOverlay: Equatable, Sendable {
    public static let directory = "gemeenten/"

    public var path: String
    /// The gemeente's name as in `gemeenten.tsv`.
    public var gemeente: String
    public var checked: String
    /// The desks in file order.
    public var desks: [LocalDesk]
    /// The line of each front-matter key, for messages about its value.
    public var fieldLines: [String: Int]

    /// The local desk of one route.
    public struct LocalDesk: Equatable, Sendable {
        public var route: String
        public var desk: String
        public var phone: String?
        public var hours: String?
        public var web: String?
        /// What people call the desk locally ("WIJ", "Vraagwijzer").
        public var names: [String]
        public var prepare: [String]
        public var sources: [String]
        /// The line of the section's heading.
        public var line: Int

        /// Whether `text` names the desk by one of its local names. A short name ("WIJ") is also an
        /// everyday word, so it counts only as written; longer ones in any case, accents or hyphens.
        public func isNamed(in text: String) -> Bool {
            names.contains { name in
                if name.count <= 3 {
                    return text.split(whereSeparator: { !$0.isLetter }).contains { $0 == name }
                }
                return " \(GemeenteList.key(text)) ".contains(" \(GemeenteList.key(name)) ")
            }
        }

        /// How to reach the desk, in one line: its name, phone and hours, and web page; with neither
        /// phone nor page, what to search for, so the card still says how to find it.
        public var contact: String {
            var parts = [desk]
            if let phone { parts.append("Bel \(phone)" + (hours.map { " (\($0))" } ?? "")) }
            if let web { parts.append(web) }
            if phone == nil && web == nil { parts.append("Zoek op internet naar \"\(desk)\"") }
            // An address ends the line without a full stop, which would read as part of it.
            return parts.joined(separator: ". ") + (web != nil ? "" : ".")
        }
    }

    /// Overlays are the lowercase `.md` files directly in `gemeenten/`; `BRON.md` and the like are notes.
    public static func isOverlay(_ path: String) -> Bool {
        guard path.hasPrefix(directory), path.hasSuffix(".md") else { return false }
        let name = path.dropFirst(directory.count)
        return !name.contains("/") && name.first.map { $0.isLowercase } == true
    }

    public static let keys: Set<String> = ["desk", "phone", "hours", "web", "names", "prepare", "sources"]

    /// The desk of `route`, if the overlay has one.
    public func desk(for route: String) -> LocalDesk? {
        desks.first { $0.route == route }
    }

    /// Parses one overlay; throws when the file is not an overlay at all or a section misses a
    /// required key. Whether the gemeente and the routes exist is `KnowledgeValidator`'s job.
    public static func parse(_ text: String, path: String) throws(KnowledgeError) -> LocalOverlay {
        let front = try FrontMatter.parse(text, file: path)
        func value(_ key: String) throws(KnowledgeError) -> String {
            guard case .text(let value, _)? = front.fields[key] else {
                throw KnowledgeError(file: path, line: 1, message: "missing required field '\(key)' (a single value)")
            }
            return value
        }
        if let unknown = Set(front.fields.keys).subtracting(["gemeente", "checked"]).sorted().first {
            throw KnowledgeError(file: path, line: front.fields[unknown]!.line, message: "unknown field '\(unknown)'; an overlay's front matter has gemeente and checked")
        }
        let overlay = LocalOverlay(path: path, gemeente: try value("gemeente"), checked: try value("checked"),
                                   desks: try desks(front, path: path), fieldLines: front.fields.mapValues(\.line))
        return overlay
    }

    /// The `## route` sections after the front matter.
    private static func desks(_ front: FrontMatter, path: String) throws(KnowledgeError) -> [LocalDesk] {
        let body = front.body
        let headings = body.indices.filter { body[$0].hasPrefix("## ") }
        if let stray = body.indices.first(where: { $0 < (headings.first ?? body.endIndex) && !body[$0].trimmed().isEmpty }) {
            throw KnowledgeError(file: path, line: front.bodyStartLine + stray, message: "text before the first '## route' section")
        }
        var desks: [LocalDesk] = []
        for (number, start) in headings.enumerated() {
            let end = number + 1 < headings.count ? headings[number + 1] : body.endIndex
            let line = front.bodyStartLine + start
            // Parsed with the file's numbering: the slice's indices are shifted to file lines.
            let lines = Array(repeating: Substring(""), count: line) + body[(start + 1)..<end]
            let fields = try FrontMatter.parseFields(lines[line...], file: path)
            desks.append(try desk(route: String(body[start].dropFirst(3)).trimmed(), fields: fields, line: line, path: path))
        }
        return desks
    }

    private static func desk(route: String, fields: [String: FrontMatter.Value], line: Int, path: String) throws(KnowledgeError) -> LocalDesk {
        if let unknown = Set(fields.keys).subtracting(keys).sorted().first {
            throw KnowledgeError(file: path, line: fields[unknown]!.line, message: "unknown key '\(unknown)'; known: \(keys.sorted().joined(separator: ", "))")
        }
        func text(_ key: String) throws(KnowledgeError) -> String? {
            switch fields[key] {
            case .text(let value, _)?: return value
            case .list(_, let line)?: throw KnowledgeError(file: path, line: line, message: "'\(key)' must be a single value, not a list")
            case nil: return nil
            }
        }
        func list(_ key: String) -> [String] {
            switch fields[key] {
            case .list(let items, _)?: items
            case .text(let value, _)?: [value]
            case nil: []
            }
        }
        guard let desk = try text("desk") else {
            throw KnowledgeError(file: path, line: line, message: "section '\(route)' has no 'desk'")
        }
        guard !list("sources").isEmpty else {
            throw KnowledgeError(file: path, line: line, message: "section '\(route)' has no 'sources'")
        }
        return LocalDesk(route: route, desk: desk, phone: try text("phone"), hours: try text("hours"), web: try text("web"),
                         names: (try text("names"))?.split(separator: ",").map { $0.trimmed() }.filter { !$0.isEmpty } ?? [],
                         prepare: list("prepare"), sources: list("sources"), line: line)
    }

    /// The file name an overlay of `gemeente` must have: lowercase, without diacritics or
    /// apostrophes, with `-` between words (`'s-Gravenhage` → `s-gravenhage.md`).
    public static func fileName(for gemeente: String) -> String {
        GemeenteList.key(gemeente).replacing(" ", with: "-") + ".md"
    }
}
