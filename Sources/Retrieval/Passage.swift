import DutchText

/// The unit of retrieval: one section of one document, with the document's title and keywords.
///
/// Sections are short and self-contained, so a passage can be shown on its own as an answer, and a
/// question about costs lands on "Wat kost het" rather than on the whole document.
public struct Passage: Equatable, Sendable {
    /// `documentID` for the opening passage, `documentID#heading-slug` for a section.
    public var id: String
    public var documentID: String
    public var route: String
    public var title: String
    public var keywords: String
    /// The section heading; nil for the opening passage (summary and any text before the first heading).
    public var section: String?
    /// Plain text of the section.
    public var text: String

    public init(id: String, documentID: String, route: String, title: String, keywords: String,
                section: String?, text: String) {
        self.id = id
        self.documentID = documentID
        self.route = route
        self.title = title
        self.keywords = keywords
        self.section = section
        self.text = text
    }

    /// The passages of a document: an opening passage with the summary, then one per `##` section.
    public static func passages(of document: KnowledgeDocument) -> [Passage] {
        let keywords = document.keywords.joined(separator: ", ")
        let lead = document.sections.first { $0.heading == nil }.map { MarkdownText.plain($0.markdown) }
        var passages = [Passage(
            id: document.id, documentID: document.id, route: document.route, title: document.title,
            keywords: keywords, section: nil, text: [document.summary, lead].compactMap { $0 }.joined(separator: "\n"))]
        var usedIDs: Set<String> = [document.id]
        for section in document.sections {
            guard let heading = section.heading else { continue }
            let base = "\(document.id)#\(slug(heading))"
            var id = base, number = 1
            while !usedIDs.insert(id).inserted {
                number += 1
                id = "\(base)-\(number)"
            }
            passages.append(Passage(
                id: id, documentID: document.id, route: document.route, title: document.title,
                keywords: keywords, section: heading, text: MarkdownText.plain(section.markdown)))
        }
        return passages
    }

    /// A heading as an anchor: folded, words joined by "-".
    static func slug(_ heading: String) -> String {
        TextNormalizer.fold(heading).split { !($0.isLetter || $0.isNumber) }.joined(separator: "-")
    }
}
