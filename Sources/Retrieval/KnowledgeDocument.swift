import DutchText

/// One Markdown document of the care map: its front matter and its `##` sections.
public struct KnowledgeDocument: Equatable, Sendable {
    /// The path relative to the knowledge directory, e.g. `gemeente/wmo-loket.md`.
    public var path: String
    public var id: String
    public var title: String
    public var route: String
    public var summary: String
    public var keywords: [String]
    public var contact: String
    public var prepare: [String]
    public var sources: [String]
    public var checked: String
    public var sections: [Section]
    /// Relative links in the body, for the validator.
    public var links: [Link]
    /// The line of each front-matter key, for messages about its value.
    public var fieldLines: [String: Int]

    /// A part of the body under one `##` heading (or the text before the first heading).
    public struct Section: Equatable, Sendable {
        /// The heading text; nil for the text before the first `##`.
        public var heading: String?
        /// The section's Markdown, without the heading line.
        public var markdown: String
        public var line: Int
    }

    /// A Markdown link whose target is a file in the knowledge directory.
    public struct Link: Equatable, Sendable {
        public var target: String
        public var line: Int
    }

    /// The keys every document must have.
    public static let requiredTextFields = ["id", "title", "route", "summary", "keywords", "contact", "checked"]
    public static let requiredListFields = ["prepare", "sources"]

    /// Parses one document. Throws when the file cannot be understood as a document at all;
    /// content rules (known route, one-sentence summary, …) are `KnowledgeValidator`'s job.
    public static func parse(_ text: String, path: String) throws(KnowledgeError) -> KnowledgeDocument {
        let front = try FrontMatter.parse(text, file: path)
        func fail(_ message: String, _ line: Int = 1) -> KnowledgeError {
            KnowledgeError(file: path, line: line, message: message)
        }
        func string(_ key: String) throws(KnowledgeError) -> String {
            switch front.fields[key] {
            case .text(let value, _)?: return value
            case .list(_, let line)?: throw fail("'\(key)' must be a single value, not a list", line)
            case nil: throw fail("missing required field '\(key)'")
            }
        }
        func list(_ key: String) throws(KnowledgeError) -> [String] {
            switch front.fields[key] {
            case .list(let items, _)?: return items
            case .text(let value, _)?: return [value]
            case nil: throw fail("missing required field '\(key)'")
            }
        }
        let sections = splitSections(front.body, firstLine: front.bodyStartLine)
        return KnowledgeDocument(
            path: path, id: try string("id"), title: try string("title"), route: try string("route"),
            summary: try string("summary"),
            keywords: try string("keywords").split(separator: ",").map { $0.trimmed() }.filter { !$0.isEmpty },
            contact: try string("contact"), prepare: try list("prepare"), sources: try list("sources"),
            checked: try string("checked"), sections: sections,
            links: relativeLinks(front.body, firstLine: front.bodyStartLine),
            fieldLines: front.fields.mapValues(\.line))
    }

    /// Splits the body at `##` headings; a `#` title line is dropped (the front matter has the title).
    static func splitSections(_ lines: [Substring], firstLine: Int) -> [Section] {
        var sections: [Section] = []
        var heading: String?
        var start = firstLine
        var buffer: [Substring] = []
        func flush() {
            let markdown = buffer.joined(separator: "\n").trimmed()
            if !markdown.isEmpty || heading != nil {
                sections.append(Section(heading: heading, markdown: markdown, line: start))
            }
            buffer = []
        }
        for (offset, line) in lines.enumerated() {
            if line.hasPrefix("## ") {
                flush()
                heading = String(line.dropFirst(3)).trimmed()
                start = firstLine + offset
            } else if line.hasPrefix("# ") {
                continue
            } else {
                buffer.append(line)
            }
        }
        flush()
        return sections
    }

    /// Targets of `[text](target)` links that point inside the knowledge directory.
    static func relativeLinks(_ lines: [Substring], firstLine: Int) -> [Link] {
        var links: [Link] = []
        for (offset, line) in lines.enumerated() {
            var rest = line[...]
            while let open = rest.firstRange(of: "](") {
                let afterOpen = rest[open.upperBound...]
                guard let close = afterOpen.firstIndex(of: ")") else { break }
                let target = String(afterOpen[..<close])
                if isRelative(target) { links.append(Link(target: target, line: firstLine + offset)) }
                rest = afterOpen[close...]
            }
        }
        return links
    }

    private static func isRelative(_ target: String) -> Bool {
        !(target.hasPrefix("http://") || target.hasPrefix("https://") || target.hasPrefix("mailto:")
            || target.hasPrefix("tel:") || target.hasPrefix("#") || target.isEmpty)
    }
}
