import DutchText
import Retrieval

/// The loaded content and its index, shared by the commands that answer questions.
struct LoadedKnowledge {
    let base: KnowledgeBase
    let index: BM25Index
    let directory: String

    /// Loads `--knowledge DIR` (or the default places) and builds the index with `--k1`/`--b`.
    /// Files that cannot be parsed stop the command: answering from half the content would mislead.
    init(_ arguments: Arguments) throws(CLIError) {
        let (base, problems, directory) = try Self.parse(arguments)
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
        let classifier = ClassifierCache.classifier(for: base, settings: parameters.classifier)
        self.index = BM25Index(knowledge: base, parameters: parameters, classifier: classifier)
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
