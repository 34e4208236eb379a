/// One example question for a route, written by a content author in `Knowledge/voorbeelden/<route>.txt`.
///
/// Examples teach the route classifier how people ask for a desk in their own words; the knowledge
/// documents say what the desk does. A file holds one question per line; `#` starts a comment line.
public struct IntentExample: Equatable, Sendable {
    public var route: String
    public var text: String
    public var file: String
    public var line: Int
    /// Which block of the file the example is in: a comment line between examples starts a new one.
    /// Authors start a block when they add examples later, so blocks are mostly written apart, and
    /// training on one and testing on another tells how well examples carry over to new writers.
    public var block: Int = 0

    public static let directory = "voorbeelden/"
    /// Fewer examples than this make a route hard to learn; `validate` reports it.
    public static let minimumPerRoute = 40
    /// A longer line is not a question but pasted text.
    public static let maximumLength = 300

    /// The examples of one file; the route is the file's name without `.txt`.
    public static func parse(_ text: String, path: String) throws(KnowledgeError) -> [IntentExample] {
        try parse(text, path: path, in: directory) { $0 }
    }

    /// The lines of a labelled file directly in `folder`; `label` turns the file's name (without
    /// `.txt`) into the label every line gets.
    public static func parse(_ text: String, path: String, in folder: String,
                             label: (String) -> String) throws(KnowledgeError) -> [IntentExample] {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard name.hasSuffix(".txt") else {
            throw KnowledgeError(file: path, line: 1, message: "example files are named <label>.txt")
        }
        // One file per label, side by side: a copy in a subfolder would train its label twice.
        guard path == folder + name else {
            throw KnowledgeError(file: path, line: 1, message: "example files live directly in \(folder), not in a subfolder")
        }
        let route = label(String(name.dropLast(4)))
        var examples: [IntentExample] = []
        var seen: Set<String> = []
        var block = 0, commented = false
        // Lines are cut on bytes: splitting a String on a Character walks grapheme clusters, and the
        // corpus is thousands of lines read at every start.
        for (number, raw) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = String(decoding: raw, as: UTF8.self).trimmed()
            if line.hasPrefix("#") { commented = true }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if commented, !examples.isEmpty { block += 1 }
            commented = false
            // Counting characters walks grapheme clusters; most lines are settled by their byte count.
            guard line.utf8.count <= maximumLength || line.count <= maximumLength, !line.utf8.contains(9) else {
                throw KnowledgeError(file: path, line: number + 1, message: "an example is one question of at most \(maximumLength) characters, without tabs")
            }
            guard seen.insert(line.lowercased()).inserted else {
                throw KnowledgeError(file: path, line: number + 1, message: "this example occurs twice")
            }
            examples.append(IntentExample(route: route, text: line, file: path, line: number + 1, block: block))
        }
        return examples
    }
}
