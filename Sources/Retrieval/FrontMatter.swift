import DutchText

/// The metadata block between `---` lines at the top of a Markdown file.
///
/// A deliberately small subset of YAML: `key: value` lines, and lists written as the key alone
/// followed by `  - item` lines. Enough for authors, and every value keeps its line for messages.
public struct FrontMatter: Equatable, Sendable {
    /// A value and the line it started on.
    public enum Value: Equatable, Sendable {
        case text(String, line: Int)
        case list([String], line: Int)

        public var line: Int {
            switch self {
            case .text(_, let line), .list(_, let line): line
            }
        }
    }

    public var fields: [String: Value]
    /// The line after the closing `---`: where the body starts.
    public var bodyStartLine: Int
    /// The lines after the front matter.
    public var body: [Substring]

    /// Splits `text` into front matter and body. Errors carry line numbers; `file` is for messages only.
    public static func parse(_ text: String, file: String) throws(KnowledgeError) -> FrontMatter {
        let lines = text.lines
        guard lines.first == "---" else {
            throw KnowledgeError(file: file, line: 1, message: "expected front matter starting with '---' on the first line")
        }
        guard let end = lines.dropFirst().firstIndex(of: "---") else {
            throw KnowledgeError(file: file, line: 1, message: "front matter is not closed by a '---' line")
        }
        let fields = try parseFields(lines[1..<end], file: file)
        return FrontMatter(fields: fields, bodyStartLine: end + 2, body: Array(lines[(end + 1)...]))
    }

    /// `key: value` lines and lists; `lines` is a slice of the file's lines, so messages give the file's
    /// line numbers. Also the body of a local overlay's sections.
    static func parseFields(_ lines: ArraySlice<Substring>, file: String) throws(KnowledgeError) -> [String: Value] {
        var fields: [String: Value] = [:]
        var openList: (key: String, items: [String], line: Int)?
        func closeList() {
            if let list = openList { fields[list.key] = .list(list.items, line: list.line) }
            openList = nil
        }
        for (index, raw) in zip(lines.indices, lines) {
            let line = index + 1
            let text = raw.trimmed()
            if text.isEmpty || text.hasPrefix("#") { continue }
            if text.hasPrefix("- ") || text == "-" {
                guard openList != nil else {
                    throw KnowledgeError(file: file, line: line, message: "list item outside a list; write the key alone on the line before")
                }
                openList!.items.append(String(text.dropFirst()).trimmed())
                continue
            }
            closeList()
            guard let colon = text.firstIndex(of: ":") else {
                throw KnowledgeError(file: file, line: line, message: "expected 'key: value'")
            }
            let key = String(text[..<colon]).trimmed()
            let value = String(text[text.index(after: colon)...]).trimmed()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "_" || $0 == "-" }) else {
                throw KnowledgeError(file: file, line: line, message: "invalid key '\(key)'")
            }
            guard fields[key] == nil else {
                throw KnowledgeError(file: file, line: line, message: "duplicate key '\(key)'")
            }
            if value.isEmpty { openList = (key, [], line) } else { fields[key] = .text(value, line: line) }
        }
        closeList()
        return fields
    }
}
