import Dispatch
import DutchText
import Synchronization

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
    /// The safety net's content: categories, cue signals, and a labelled corpus of messages.
    public static let safetyDirectory = "veiligheid/"
    public static let safetyCategoriesFile = safetyDirectory + "categorieen.tsv"
    public static let safetySignalsFile = safetyDirectory + "signalen.tsv"
    /// Corpus files named `geen-crisis….txt` hold ordinary messages; the others are named after a category.
    public static let ordinaryPrefix = "geen-crisis"

    public var routes: [Route]
    /// Documents in path order, which is also the index's tie-break order.
    public var documents: [KnowledgeDocument]
    public var tables: TermTables
    /// Example questions per route (`voorbeelden/<route>.txt`), which train the route classifier.
    public var examples: [IntentExample] = []
    /// Kinds of acute danger (`veiligheid/categorieen.tsv`).
    public var safetyCategories: [SafetyCategory] = []
    /// Cue signals per category (`veiligheid/signalen.tsv`).
    public var safetySignals: [SafetySignal] = []
    /// Messages labelled with their category, or `geen` (`veiligheid/<categorie>.txt`,
    /// `veiligheid/geen-crisis….txt`), which train the safety classifier.
    public var safetyExamples: [IntentExample] = []
    /// Every current gemeente (`gemeenten/gemeenten.tsv`), with woonplaatsen when listed.
    public var gemeenten = GemeenteList.empty
    /// Local desks per gemeente (`gemeenten/<gemeente>.md`), in path order.
    public var overlays: [LocalOverlay] = []
    /// Every file path, so that links can be checked without touching the disk.
    public var paths: Set<String>

    /// Parses every file it recognises. Files that cannot be parsed are left out and reported.
    /// Files are parsed on every core (the example corpora are thousands of lines, read at every start)
    /// and added in path order, so the result is the same as one pass.
    public static func parse(_ files: [SourceFile]) -> (base: KnowledgeBase, problems: [KnowledgeError]) {
        let files = files.sorted(by: { $0.path < $1.path })
        let parsed = Mutex([Result<Part, KnowledgeError>?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { number in
            let result = Result { () throws(KnowledgeError) -> Part in try Part(files[number]) }
            parsed.withLock { $0[number] = result }
        }
        var problems: [KnowledgeError] = []
        var base = KnowledgeBase(routes: [], documents: [], tables: .empty, paths: Set(files.map(\.path)))
        var places: SourceFile?
        for result in parsed.withLock({ $0 }) {
            switch result! {
            case .success(.places(let file)): places = file
            case .success(let part): base.add(part)
            case .failure(let error): problems.append(error)
            }
        }
        // Woonplaatsen name their gemeente, so they are read once every gemeente is known.
        if let places {
            do throws(KnowledgeError) { try base.gemeenten.addPlaces(places.text, file: places.path) } catch { problems.append(error) }
        }
        return (base, problems)
    }

    /// What one file holds, parsed on its own.
    private enum Part: Sendable {
        case routes([Route])
        case synonyms([TermTables.Synonym])
        case cues([CueRule])
        case stemOverrides([String: String])
        case lexicon(DutchLexicon)
        case safetyCategories([SafetyCategory])
        case safetySignals([SafetySignal])
        case examples([IntentExample])
        case safetyExamples([IntentExample])
        case document(KnowledgeDocument)
        case gemeenten(GemeenteList)
        case places(SourceFile)
        case overlay(LocalOverlay)
        case other

        init(_ file: SourceFile) throws(KnowledgeError) {
            func located(_ error: TermTables.ParseError) -> KnowledgeError {
                KnowledgeError(file: file.path, line: error.line, message: error.message)
            }
            switch file.path {
            case KnowledgeBase.routesFile:
                self = .routes(try Route.parseList(file.text, file: file.path))
            case KnowledgeBase.synonymsFile:
                do { self = .synonyms(try TermTables.parseSynonyms(file.text)) } catch { throw located(error) }
            case KnowledgeBase.cuesFile:
                do { self = .cues(try TermTables.parseCues(file.text)) } catch { throw located(error) }
            case KnowledgeBase.stemsFile:
                do { self = .stemOverrides(try TermTables.parseStemOverrides(file.text)) } catch { throw located(error) }
            case KnowledgeBase.lexiconFile:
                do throws(DutchLexicon.ParseError) {
                    self = .lexicon(try DutchLexicon(file.text))
                } catch {
                    throw KnowledgeError(file: file.path, line: error.line, message: error.message)
                }
            case KnowledgeBase.safetyCategoriesFile:
                self = .safetyCategories(try SafetyCategory.parseList(file.text, file: file.path))
            case KnowledgeBase.safetySignalsFile:
                self = .safetySignals(try SafetySignal.parseList(file.text, file: file.path))
            case GemeenteList.file:
                self = .gemeenten(try GemeenteList.parse(file.text, file: file.path))
            case GemeenteList.placesFile:
                self = .places(file)
            default:
                if file.path.hasPrefix(IntentExample.directory) {
                    self = .examples(try IntentExample.parse(file.text, path: file.path))
                } else if file.path.hasPrefix(KnowledgeBase.safetyDirectory) && file.path.hasSuffix(".txt") {
                    self = .safetyExamples(try IntentExample.parse(file.text, path: file.path, in: KnowledgeBase.safetyDirectory) { name in
                        name.hasPrefix(KnowledgeBase.ordinaryPrefix) ? SafetyCategory.none : name
                    })
                } else if LocalOverlay.isOverlay(file.path) {
                    self = .overlay(try LocalOverlay.parse(file.text, path: file.path))
                } else if file.path.hasSuffix(".md") && !file.path.hasPrefix(LocalOverlay.directory) {
                    self = .document(try KnowledgeDocument.parse(file.text, path: file.path))
                } else {
                    self = .other
                }
            }
        }
    }

    private mutating func add(_ part: Part) {
        switch part {
        case .routes(let parsed): routes = parsed
        case .synonyms(let parsed): tables.synonyms = parsed
        case .cues(let parsed): tables.cues = parsed
        case .stemOverrides(let parsed): tables.stemOverrides = parsed
        case .lexicon(let parsed): tables.lexicon = parsed
        case .safetyCategories(let parsed): safetyCategories = parsed
        case .safetySignals(let parsed): safetySignals = parsed
        case .examples(let parsed): examples += parsed
        case .safetyExamples(let parsed): safetyExamples += parsed
        case .document(let parsed): documents.append(parsed)
        case .gemeenten(let parsed): gemeenten = parsed
        case .overlay(let parsed): overlays.append(parsed)
        case .places, .other: break
        }
    }

    /// The document with this id, if any.
    public func document(id: String) -> KnowledgeDocument? {
        documents.first { $0.id == id }
    }

    /// The overlay of the gemeente called `name`, if one is bundled.
    public func overlay(for name: String) -> LocalOverlay? {
        // Overlays name their gemeente as the list writes it (`validate` sees to it), and so do sessions.
        if let overlay = overlays.first(where: { $0.gemeente == name }) { return overlay }
        guard let listed = gemeenten.named(name)?.name, listed != name else { return nil }
        return overlays.first { $0.gemeente == listed }
    }

    /// The names of the routes whose local desk in `gemeente` the text names ("ik heb een afspraak bij
    /// WIJ" in Eindhoven names the Wmo desk), to be read with the text: the understanding layer then
    /// hears the desk people know by its local name.
    public func localRouteWords(in text: String, gemeente: String?) -> String {
        guard let gemeente, let overlay = overlay(for: gemeente) else { return "" }
        return overlay.desks.filter { $0.isNamed(in: text) }.compactMap { route(id: $0.route)?.name }.map { " " + $0 }.joined()
    }

    /// The route with this id, if any.
    public func route(id: String) -> Route? {
        routes.first { $0.id == id }
    }

    /// All passages, in document order.
    public var passages: [Passage] { documents.flatMap(Passage.passages(of:)) }
}
