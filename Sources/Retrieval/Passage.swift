import DutchText

/// The unit of retrieval: one section of one document, with the document's title and keywords.
///
/// Sections are short and self-contained, so a passage can be shown on its own as an answer, and a
/// question about costs lands on "Wat kost het" rather than on the whole document.
///
/// A class, immutable once made: every search result holds its passage, and a turn sorts and copies
/// dozens of results, which for a value of seven strings meant seven reference counts each time.
public final class Passage: Equatable, Sendable {
    /// `documentID` for the opening passage, `documentID#heading-slug` for a section.
    public let id: String
    public let documentID: String
    public let route: String
    public let title: String
    public let keywords: String
    /// The section heading; nil for the opening passage (summary and any text before the first heading).
    public let section: String?
    /// Plain text of the section.
    public let text: String

    public static func == (lhs: Passage, rhs: Passage) -> Bool {
        lhs === rhs || (lhs.id == rhs.id && lhs.documentID == rhs.documentID && lhs.route == rhs.route && lhs.title == rhs.title
            && lhs.keywords == rhs.keywords && lhs.section == rhs.section && lhs.text == rhs.text)
    }

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
