import DutchText

/// A file of knowledge content: its path relative to the knowledge directory, and its text.
public struct SourceFile: Equatable, Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// The whole care map: the routes, the documents and the analysis tables, parsed from source files.
///
/// Parsing is pure (files in, values out); `KnowledgeLoader` is the thin edge that reads the disk.
public struct KnowledgeBase: Sendable {
    public static let routesFile = "routes.tsv"
    public static let synonymsFile = "synonyms.tsv"
    public static let stemsFile = "stems.tsv"
    public static let cuesFile = "cues.tsv"
    public static let lexiconFile = "lexicon/lexicon.tsv"

    public var routes: [Route]
    /// Documents in path order, which is also the index's tie-break order.
    public var documents: [KnowledgeDocument]
    public var tables: TermTables
    /// Example questions per route (`voorbeelden/<route>.txt`), which train the route classifier.
    public var examples: [IntentExample] = []
    /// Every file path, so that links can be checked without touching the disk.
    public var paths: Set<String>

    /// Parses every file it recognises. Files that cannot be parsed are left out and reported.
    public static func parse(_ files: [SourceFile]) -> (base: KnowledgeBase, problems: [KnowledgeError]) {
        var problems: [KnowledgeError] = []
        var base = KnowledgeBase(routes: [], documents: [], tables: .empty, paths: Set(files.map(\.path)))
        for file in files.sorted(by: { $0.path < $1.path }) {
            do throws(KnowledgeError) {
                try base.add(file)
            } catch {
                problems.append(error)
            }
        }
        return (base, problems)
    }

    private mutating func add(_ file: SourceFile) throws(KnowledgeError) {
        func located(_ error: TermTables.ParseError) -> KnowledgeError {
            KnowledgeError(file: file.path, line: error.line, message: error.message)
        }
        switch file.path {
        case Self.routesFile:
            routes = try Route.parseList(file.text, file: file.path)
        case Self.synonymsFile:
            do { tables.synonyms = try TermTables.parseSynonyms(file.text) } catch { throw located(error) }
        case Self.cuesFile:
            do { tables.cues = try TermTables.parseCues(file.text) } catch { throw located(error) }
        case Self.stemsFile:
            do { tables.stemOverrides = try TermTables.parseStemOverrides(file.text) } catch { throw located(error) }
        case Self.lexiconFile:
            do throws(DutchLexicon.ParseError) {
                tables.lexicon = try DutchLexicon(file.text)
            } catch {
                throw KnowledgeError(file: file.path, line: error.line, message: error.message)
            }
        default:
            if file.path.hasPrefix(IntentExample.directory) {
                examples += try IntentExample.parse(file.text, path: file.path)
            } else if file.path.hasSuffix(".md") {
                documents.append(try KnowledgeDocument.parse(file.text, path: file.path))
            }
        }
    }

    /// The document with this id, if any.
    public func document(id: String) -> KnowledgeDocument? {
        documents.first { $0.id == id }
    }

    /// The route with this id, if any.
    public func route(id: String) -> Route? {
        routes.first { $0.id == id }
    }

    /// All passages, in document order.
    public var passages: [Passage] { documents.flatMap(Passage.passages(of:)) }
}
