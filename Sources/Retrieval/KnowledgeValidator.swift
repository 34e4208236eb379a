import DutchText

/// The content rules `routewijzer validate` enforces, beyond what parsing already demands.
public enum KnowledgeValidator {
    /// Every problem in `base`, in file order.
    public static func problems(in base: KnowledgeBase) -> [KnowledgeError] {
        var problems = routeListProblems(base)
        var firstPathOfID: [String: String] = [:]
        for document in base.documents {
            problems += documentProblems(document, base: base)
            if let other = firstPathOfID[document.id] {
                problems.append(error(document, "id", "duplicate id '\(document.id)', also used in \(other)"))
            } else {
                firstPathOfID[document.id] = document.path
            }
        }
        let covered = Set(base.documents.map(\.route))
        for route in base.routes where !covered.contains(route.id) {
            problems.append(KnowledgeError(file: KnowledgeBase.routesFile, line: route.line,
                                           message: "route '\(route.id)' has no document"))
        }
        return problems + base.routes.compactMap { cardProblem($0, base) } + exampleProblems(base) + safetyProblems(base)
            + base.overlays.flatMap { overlayProblems($0, base) }
    }

    /// An overlay names a listed gemeente in a file of its name, known routes once each, a checked
    /// date, and web pages as addresses.
    static func overlayProblems(_ overlay: LocalOverlay, _ base: KnowledgeBase) -> [KnowledgeError] {
        var problems: [KnowledgeError] = []
        func problem(_ line: Int, _ message: String) { problems.append(KnowledgeError(file: overlay.path, line: line, message: message)) }
        let gemeenteLine = overlay.fieldLines["gemeente"] ?? 1
        if base.gemeenten.isEmpty {
            problem(gemeenteLine, "overlays need the list of gemeenten (\(GemeenteList.file))")
        } else if let gemeente = base.gemeenten.named(overlay.gemeente) {
            if gemeente.name != overlay.gemeente { problem(gemeenteLine, "write the gemeente as the list does: '\(gemeente.name)'") }
        } else {
            problem(gemeenteLine, "'\(overlay.gemeente)' is not a gemeente in \(GemeenteList.file)")
        }
        let expected = LocalOverlay.directory + LocalOverlay.fileName(for: overlay.gemeente)
        if overlay.path != expected { problem(gemeenteLine, "the overlay of \(overlay.gemeente) must be \(expected)") }
        if !isValidDate(overlay.checked) {
            problem(overlay.fieldLines["checked"] ?? 1, "'checked' must be a date as YYYY-MM-DD, not '\(overlay.checked)'")
        }
        if overlay.desks.isEmpty { problem(1, "an overlay needs at least one '## route' section") }
        var seen: Set<String> = []
        for desk in overlay.desks {
            if base.route(id: desk.route) == nil { problem(desk.line, "unknown route '\(desk.route)'") }
            if !seen.insert(desk.route).inserted { problem(desk.line, "route '\(desk.route)' has two sections") }
            if let web = desk.web, !web.hasPrefix("https://") && !web.hasPrefix("http://") { problem(desk.line, "'web' must be an address, not '\(web)'") }
            for source in desk.sources where !source.contains("://") { problem(desk.line, "a source must name its page's address: '\(source)'") }
        }
        return problems
    }

    /// Positives the safety classifier needs per category, and ordinary lines in all.
    public static let minimumSafetyExamples = 120
    public static let minimumOrdinaryExamples = 800

    /// The safety content hangs together: signals and corpus files name known categories, categories
    /// name existing documents, and once there is a corpus, every category and the ordinary
    /// lines have enough.
    static func safetyProblems(_ base: KnowledgeBase) -> [KnowledgeError] {
        var problems: [KnowledgeError] = []
        let categories = Set(base.safetyCategories.map(\.id))
        for category in base.safetyCategories {
            for document in category.documents where base.document(id: document) == nil {
                problems.append(KnowledgeError(file: KnowledgeBase.safetyCategoriesFile, line: category.line,
                                               message: "category '\(category.id)' names document '\(document)', which does not exist"))
            }
        }
        for signal in base.safetySignals where !categories.contains(signal.category) {
            problems.append(KnowledgeError(file: KnowledgeBase.safetySignalsFile, line: signal.line,
                                           message: "signal for unknown category '\(signal.category)'"))
        }
        guard !base.safetyExamples.isEmpty else { return problems }
        var counts: [String: Int] = [:]
        for example in base.safetyExamples {
            counts[example.route, default: 0] += 1
            if example.route != SafetyCategory.none, !categories.contains(example.route), counts[example.route] == 1 {
                problems.append(KnowledgeError(file: example.file, line: example.line,
                                               message: "corpus file for unknown category '\(example.route)'"))
            }
        }
        for category in base.safetyCategories where counts[category.id, default: 0] < minimumSafetyExamples {
            problems.append(KnowledgeError(file: KnowledgeBase.safetyCategoriesFile, line: category.line, message:
                "category '\(category.id)' has \(counts[category.id, default: 0]) messages in \(KnowledgeBase.safetyDirectory)\(category.id).txt; at least \(minimumSafetyExamples) are needed"))
        }
        if counts[SafetyCategory.none, default: 0] < minimumOrdinaryExamples {
            problems.append(KnowledgeError(file: KnowledgeBase.safetyCategoriesFile, line: 1, message:
                "the safety corpus has \(counts[SafetyCategory.none, default: 0]) ordinary messages (\(KnowledgeBase.ordinaryPrefix)….txt); at least \(minimumOrdinaryExamples) are needed"))
        }
        return problems
    }

    /// Example files must name a known route, and once a content has examples, every route needs
    /// enough of them: a route the classifier never saw would only ever be found by its words.
    static func exampleProblems(_ base: KnowledgeBase) -> [KnowledgeError] {
        guard !base.examples.isEmpty else { return [] }
        let known = Set(base.routes.map(\.id))
        var problems: [KnowledgeError] = []
        var counts: [String: Int] = [:]
        for example in base.examples {
            counts[example.route, default: 0] += 1
            if !known.contains(example.route), counts[example.route] == 1 {
                problems.append(KnowledgeError(file: example.file, line: example.line,
                                               message: "examples for unknown route '\(example.route)' (the file name is the route id)"))
            }
        }
        for route in base.routes where counts[route.id, default: 0] < IntentExample.minimumPerRoute {
            problems.append(KnowledgeError(file: KnowledgeBase.routesFile, line: route.line, message:
                "route '\(route.id)' has \(counts[route.id, default: 0]) example questions in \(IntentExample.directory)\(route.id).txt; at least \(IntentExample.minimumPerRoute) are needed"))
        }
        return problems
    }

    /// A route's card document must exist and belong to that route: dialogs show it as the desk's card.
    private static func cardProblem(_ route: Route, _ base: KnowledgeBase) -> KnowledgeError? {
        let message: String
        if let id = route.cardDocument {
            guard let document = base.document(id: id) else {
                return KnowledgeError(file: KnowledgeBase.routesFile, line: route.line,
                                      message: "card document '\(id)' of route '\(route.id)' does not exist")
            }
            guard document.route != route.id else { return nil }
            message = "card document '\(id)' belongs to route '\(document.route)', not '\(route.id)'"
        } else {
            message = "route '\(route.id)' names no card document (third column)"
        }
        return KnowledgeError(file: KnowledgeBase.routesFile, line: route.line, message: message)
    }

    /// The front-matter keys a document may have.
    static let knownFields = Set(KnowledgeDocument.requiredTextFields + KnowledgeDocument.requiredListFields)

    private static func routeListProblems(_ base: KnowledgeBase) -> [KnowledgeError] {
        guard !base.routes.isEmpty else {
            return [KnowledgeError(file: KnowledgeBase.routesFile, line: 1, message: "the route list is missing or empty")]
        }
        var seen: Set<String> = []
        return base.routes.compactMap { route in
            seen.insert(route.id).inserted ? nil
                : KnowledgeError(file: KnowledgeBase.routesFile, line: route.line, message: "duplicate route id '\(route.id)'")
        }
    }

    private static func documentProblems(_ document: KnowledgeDocument, base: KnowledgeBase) -> [KnowledgeError] {
        var problems: [KnowledgeError] = []
        let fileName = document.path.split(separator: "/").last.map(String.init) ?? document.path
        if !isValidID(document.id) {
            problems.append(error(document, "id", "id '\(document.id)' may only use a-z, 0-9 and '-'"))
        } else if fileName != document.id + ".md" {
            problems.append(error(document, "id", "id '\(document.id)' does not match the file name '\(fileName)'"))
        }
        if base.route(id: document.route) == nil {
            problems.append(error(document, "route", "unknown route id '\(document.route)'"))
        }
        // One sentence, or two short ones: "about 15 words" reads better as two than as one of 30.
        let sentences = sentenceCount(document.summary), words = document.summary.split(separator: " ").count
        if !(1...2).contains(sentences) || (sentences == 2 && words > Self.twoSentenceWords) {
            problems.append(error(document, "summary", "the summary must be one sentence, or two short ones (at most \(Self.twoSentenceWords) words)"))
        }
        if document.keywords.isEmpty { problems.append(error(document, "keywords", "no keywords")) }
        if document.sources.isEmpty { problems.append(error(document, "sources", "no sources")) }
        if document.prepare.isEmpty { problems.append(error(document, "prepare", "nothing to prepare is listed")) }
        if !isValidDate(document.checked) {
            problems.append(error(document, "checked", "'checked' must be a date as YYYY-MM-DD, not '\(document.checked)'"))
        }
        for key in document.fieldLines.keys.sorted() where !knownFields.contains(key) {
            problems.append(error(document, key, "unknown field '\(key)'"))
        }
        if !document.sections.contains(where: { $0.heading != nil }) {
            problems.append(KnowledgeError(file: document.path, line: 1, message: "the body has no '## ' sections"))
        }
        for link in document.links where !base.paths.contains(resolve(link.target, from: document.path)) {
            problems.append(KnowledgeError(file: document.path, line: link.line, message: "broken link to '\(link.target)'"))
        }
        return problems
    }

    private static func error(_ document: KnowledgeDocument, _ field: String, _ message: String) -> KnowledgeError {
        KnowledgeError(file: document.path, line: document.fieldLines[field] ?? 1, message: message)
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// The most words a summary of two sentences may have.
    static let twoSentenceWords = 30

    /// Counts sentence ends: '.', '!' or '?' followed by a space or the end. A dot that closes an
    /// abbreviation ("o.a.", "bijv.", "z.s.m.") does not count: its word has another dot or is one letter,
    /// or it is on the list of common Dutch abbreviations.
    static func sentenceCount(_ text: String) -> Int {
        let words = text.split(separator: " ")
        return words.enumerated().filter { index, word in
            guard let last = word.last, ".!?".contains(last) else { return false }
            if last != "." { return true }
            let stem = word.dropLast()
            let isAbbreviation = stem.contains(".") || stem.count == 1 || abbreviations.contains(stem.lowercased())
            return !isAbbreviation || index == words.count - 1
        }.count
    }

    /// Abbreviations that end in a dot in B1 texts and never end a sentence in a summary.
    private static let abbreviations: Set<String> = ["bijv", "bv", "enz", "incl", "excl", "ca", "nr", "art", "tel", "dhr", "mevr"]

    static func isValidDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        return year >= 2000 && (1...12).contains(month) && (1...31).contains(day)
    }

    /// The knowledge-relative path a link from `path` points to ("../a/b.md" from "c/d.md" → "a/b.md").
    static func resolve(_ target: String, from path: String) -> String {
        let withoutAnchor = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        var components = path.split(separator: "/").dropLast().map(String.init)
        for component in withoutAnchor.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(String(component))
            }
        }
        return components.joined(separator: "/")
    }
}
