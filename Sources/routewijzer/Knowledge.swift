import Dispatch
import DutchText
import Retrieval
import Synchronization

/// The loaded content and its index, shared by the commands that answer questions.
struct LoadedKnowledge {
    let base: KnowledgeBase
    let index: BM25Index
    /// The safety layer, with its classifier from the cache when it was trained before; nil for the
    /// commands that do not use it (`analyze` without `--safety`, the route `eval`).
    let safetyNet: SafetyNet?
    let directory: String

    /// Loads `--knowledge DIR` (or the default places) and builds the index with `--k1`/`--b`, and
    /// with `safety` the safety layer. Content that `validate` rejects stops the command, as files
    /// that cannot be parsed do: answering from half or broken content would mislead.
    init(_ arguments: Arguments, safety: Bool = true) throws(CLIError) {
        let (base, parseProblems, directory) = try Self.parse(arguments)
        let problems = parseProblems.isEmpty ? KnowledgeValidator.problems(in: base) : parseProblems
        guard problems.isEmpty else {
            throw .failure(problems.map(\.description).joined(separator: "\n") + "\n\(problems.count) problem(s) in \(directory)")
        }
        var parameters = BM25Parameters()
        if let k1 = try arguments.number("--k1") { parameters.k1 = k1 }
        if let b = try arguments.number("--b") {
            guard (0...1).contains(b) else { throw .usage("--b must be between 0 and 1") }
            parameters.b = b
        }
        if let weights = arguments.value("--field-weights") {
            let numbers = weights.split(separator: ",").compactMap { Double($0.trimmed()) }
            guard numbers.count == 3, numbers.allSatisfy({ $0 >= 0 }) else {
                throw .usage("--field-weights takes three numbers: title,keywords,body (for example 2.5,2,1)")
            }
            (parameters.titleWeight, parameters.keywordsWeight, parameters.bodyWeight) = (numbers[0], numbers[1], numbers[2])
        }
        self.base = base
        self.directory = directory
        // The safety classifier loads (or trains) on another core while the route classifier and the
        // index are made: both are needed before the first answer.
        let safetyClassifier = Mutex<RouteClassifier?>(nil)
        let loading = DispatchGroup()
        if safety {
            DispatchQueue.global().async(group: loading) {
                let classifier = ClassifierCache.classifier(examples: SafetyNet.trainingExamples(base), tables: base.tables, settings: SafetyNet.training)
                safetyClassifier.withLock { $0 = classifier }
            }
        }
        let classifier = ClassifierCache.classifier(examples: base.examples, tables: base.tables, settings: parameters.classifier)
        self.index = BM25Index(knowledge: base, parameters: parameters, classifier: classifier)
        loading.wait()
        self.safetyNet = safety ? SafetyNet(knowledge: base, analyzer: index.analyzer, classifier: safetyClassifier.withLock { $0 }) : nil
    }

    /// Reads and parses the content without judging it (for `validate`).
    static func parse(_ arguments: Arguments) throws(CLIError) -> (KnowledgeBase, [KnowledgeError], String) {
        do {
            return try KnowledgeLoader.load(explicit: arguments.value("--knowledge"), executablePath: Console.executablePath)
        } catch {
            throw .failure(error.description)
        }
    }
}

extension LoadedKnowledge {
    /// `--gemeente NAME` (or `ROUTEWIJZER_GEMEENTE`) as the list writes it; nil when not given. A name
    /// the list does not know is a usage error that names the closest ones, never a silent national card.
    func gemeente(_ arguments: Arguments) throws(CLIError) -> String? {
        guard let name = arguments.value("--gemeente") ?? ServeCommand.environment("--gemeente"), !name.trimmed().isEmpty else { return nil }
        guard !base.gemeenten.isEmpty else { throw .usage("--gemeente needs the list of gemeenten in \(directory)/\(GemeenteList.file)") }
        if let gemeente = base.gemeenten.named(name) { return gemeente.name }
        let start = GemeenteList.key(name).prefix(3)
        let close = base.gemeenten.gemeenten.map(\.name).filter { GemeenteList.key($0).hasPrefix(start) }.prefix(5)
        throw .usage("'\(name)' is not a gemeente" + (close.isEmpty ? "" : "; did you mean \(close.joined(separator: ", "))?"))
    }
}
