/// Turns the Markdown of a section into the plain text a person reads in a terminal or a chat bubble.
public enum MarkdownText {
    /// Drops emphasis and code markers and keeps only the text of links.
    public static func plain(_ markdown: String) -> String {
        var output = ""
        var index = markdown.startIndex
        while index < markdown.endIndex {
            let character = markdown[index]
            if character == "[", let (text, end) = link(in: markdown, at: index) {
                output += text
                index = end
                continue
            }
            if character != "*" && character != "`" && character != "_" { output.append(character) }
            index = markdown.index(after: index)
        }
        return output
    }

    /// A `[text](target)` link starting at `start`: its text and the index after it.
    private static func link(in markdown: String, at start: String.Index) -> (String, String.Index)? {
        let rest = markdown[markdown.index(after: start)...]
        guard let closeText = rest.firstIndex(of: "]"),
              rest[closeText...].dropFirst().first == "(",
              let closeTarget = rest[closeText...].firstIndex(of: ")") else { return nil }
        return (String(rest[..<closeText]), markdown.index(after: closeTarget))
    }

    /// The first `limit` characters of `text` on one line, cut at a word boundary, with "…" when cut.
    /// Whole sentences only: a snippet ends at the last sentence end within `limit`, so a person
    /// never reads half a rule. Only a first sentence longer than the limit is cut at a word, with "…".
    public static func snippet(_ text: String, limit: Int = 220) -> String {
        let flat = flattened(text, upTo: limit + 1)
        guard flat.count > limit else { return flat }
        let cut = flat[...]
        if let end = sentenceEnd(in: cut) { return String(cut[...end]) }
        let word = cut.dropLast().lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<word]) + " …"
    }

    /// The words of `text` on one line, one space between them, up to `count` characters: a section
    /// runs to thousands of characters, and a turn that shows passages needs only their start.
    private static func flattened(_ text: String, upTo count: Int) -> String {
        var flat = ""
        var length = 0, space = false
        for character in text {
            if character == "\n" || character == " " || character == "\t" {
                space = length > 0
                continue
            }
            for next in space ? [" ", character] : [character] {
                guard length < count else { return flat }
                flat.append(next)
                length += 1
            }
            space = false
        }
        return flat
    }

    /// The last ". ", "? " or "! " (or a closing one at the very end) in `text`.
    private static func sentenceEnd(in text: Substring) -> Substring.Index? {
        var found: Substring.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if ".?!".contains(text[index]) && (next == text.endIndex || text[next] == " ") && index > text.startIndex { found = index }
            index = next
        }
        return found
    }
}
