#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dialogue
import DutchText
import Retrieval
import Wire
#if canImport(Glibc)
import Glibc
#endif

/// `routewijzer-bench`: performance figures, each with a baseline measured in the same run, because
/// these machines are shared and noisy and only ratios compare across runs.
let usage = """
    USAGE:
      routewijzer-bench retrieval [--knowledge DIR] [--queries FILE.tsv] [--repeat N] [--synthetic N | --corpus FILE.jsonl] [--json]
          Index build time, per-query p50/p99 latency and queries/s, peak RSS, route accuracy when the
          queries are labelled; baseline: an exhaustive scan over the same passages, in the same run.
      routewijzer-bench dialogue [--knowledge DIR] [--dialogs DIR] [--transcripts DIR] [--repeat N] [--json]
          Dialogue turns replayed from the conversation transcripts: turns/s, p50/p99 per turn, session
          state size; baseline: a bare search of the same inputs, in the same run.
      routewijzer-bench line-load --port P [--host H] [--connections 50] [--seconds 10]
          Load client for the line protocol: JSON turns of a short conversation, one in flight per connection.
      routewijzer-bench request-path [--knowledge DIR] [--dialogs DIR] [--repeat N]
          The server's work per POST /v1/messages of the wrk conversation, in-process without sockets:
          parse, dialogue turn, serialize; baseline: the same path answering GET /healthz.
      routewijzer-bench classifier [--knowledge DIR] [--folds 5 | --by-block] [--weights 0.4,0.6,0.8] [--epochs N] [--rate R] [--l2 L] [--min-count C]
                                    [--person W] [--floor S]
          k-fold cross-validated route accuracy on the content's examples: classifier alone, fused with
          BM25F at each intent weight; baseline: BM25F alone on the same examples.
      routewijzer-bench safety [--knowledge DIR] [--folds 5] [--checks 0.25,0.35,0.45] [--epochs N] [--l2 L] [--alarm P] [--min-words N] [--no-phrases] [--show-mistakes]
          k-fold cross-validated recall and false alarms of the safety layer on the content's corpus,
          per category, at each check threshold of the classifier; baseline: the signals alone.
      routewijzer-bench export [--knowledge DIR] [--synthetic N]
          The corpus as JSON lines {"id","route","title","keywords","body"}, for the peer comparison.
    """

/// The command, its `--name value` options and its flags.
func parseArguments() -> (command: String, options: [String: String], flags: Set<String>) {
    var options: [String: String] = [:]
    var flags: Set<String> = []
    var arguments = Array(CommandLine.arguments.dropFirst())
    let command = arguments.isEmpty ? "" : arguments.removeFirst()
    while !arguments.isEmpty {
        let argument = arguments.removeFirst()
        if argument == "--json" || argument == "--by-block" || argument == "--show-mistakes" || argument == "--no-phrases" {
            flags.insert(argument)
        } else if !arguments.isEmpty {
            options[argument] = arguments.removeFirst()
        } else {
            print("error: \(argument) needs a value\n\(usage)")
            exit(2)
        }
    }
    return (command, options, flags)
}

let (command, options, flags) = parseArguments()

func knowledge() throws -> KnowledgeBase {
    let (base, problems, directory) = try KnowledgeLoader.load(explicit: options["--knowledge"], executablePath: CommandLine.arguments[0])
    guard problems.isEmpty else { throw BenchError("\(problems.count) problem(s) in \(directory); run routewijzer validate") }
    return base
}

func corpus(_ base: KnowledgeBase) throws -> [Passage] {
    if let path = options["--corpus"] { return try CorpusFile.read(path) }
    if let size = options["--synthetic"] {
        guard let count = Int(size), count > 0 else { throw BenchError("--synthetic needs a positive count") }
        return try SyntheticCorpus().passages(count: count, from: base)
    }
    return base.passages
}

/// The engine over the bundled (or given) content, and the transcripts to replay.
func dialogueSetup() throws -> (Engine, [Transcript]) {
    let base = try knowledge()
    let (dialogs, problems, directory) = try DialogLoader.load(explicit: options["--dialogs"], executablePath: CommandLine.arguments[0])
    let all = problems + DialogValidator.problems(in: dialogs, knowledge: base)
    guard all.isEmpty else { throw BenchError("\(all.count) problem(s) in \(directory); run routewijzer validate") }
    let engine = Engine(content: DialogueContent(dialogs: dialogs, knowledge: base, index: BM25Index(knowledge: base)))
    let folder = try KnowledgeLoader.locate("Tests/Conversations", explicit: options["--transcripts"], executablePath: CommandLine.arguments[0])
    let transcripts = try KnowledgeLoader.read(folder).filter { $0.path.hasSuffix(".md") }.map { try Transcript.parse($0.text, path: $0.path) }
    guard !transcripts.isEmpty else { throw BenchError("no transcripts in \(folder)") }
    return (engine, transcripts)
}

do {
    switch command {
    case "line-load":
        guard let port = UInt16(options["--port"] ?? "") else { throw BenchError("--port is required") }
        let load = LineLoad(host: options["--host"] ?? "127.0.0.1", port: port, connections: Int(options["--connections"] ?? "") ?? 50,
                            seconds: Double(options["--seconds"] ?? "") ?? 10)
        let report = try load.run()
        print("line-load: \(report.turns) turns in \((report.seconds * 10).rounded() / 10) s over \(load.connections) connections: \(Int(report.turnsPerSecond)) turns/s, \(report.errors) errors")
    case "dialogue":
        let (engine, transcripts) = try dialogueSetup()
        let report = try DialogueBenchmark.run(engine: engine, transcripts: transcripts, repeats: Int(options["--repeat"] ?? "") ?? 20)
        print(flags.contains("--json") ? report.json.serialized : report.text)
    case "request-path":
        let (engine, _) = try dialogueSetup()
        print(RequestPathBenchmark.run(engine: engine, rounds: Int(options["--repeat"] ?? "") ?? 5).text)
    case "classifier":
        let weights = (options["--weights"] ?? "0.4,0.5,0.6,0.7,0.8").split(separator: ",").compactMap { Double($0) }
        var parameters = BM25Parameters()
        if let epochs = options["--epochs"].flatMap({ Int($0) }) { parameters.classifier.epochs = epochs }
        if let rate = options["--rate"].flatMap({ Float($0) }) { parameters.classifier.learningRate = rate }
        if let l2 = options["--l2"].flatMap({ Float($0) }) { parameters.classifier.l2 = l2 }
        if let count = options["--min-count"].flatMap({ Int32($0) }) { parameters.classifier.minimumExamplesPerFeature = count }
        if let weight = options["--person"].flatMap({ Double($0) }) { parameters.personWordWeight = weight }
        if let floor = options["--floor"].flatMap({ Double($0) }) { parameters.lexicalFloor = floor }
        print(ClassifierBenchmark.run(knowledge: try knowledge(), folds: Int(options["--folds"] ?? "") ?? 5,
                                      byBlock: flags.contains("--by-block"), weights: weights, parameters: parameters))
    case "safety":
        let checks = (options["--checks"] ?? "0.25,0.35,0.45,0.55").split(separator: ",").compactMap { Double($0) }
        var settings = SafetyNet.training
        if let epochs = options["--epochs"].flatMap({ Int($0) }) { settings.epochs = epochs }
        if let l2 = options["--l2"].flatMap({ Float($0) }) { settings.l2 = l2 }
        if flags.contains("--no-phrases") { settings.phrases = false }
        print(SafetyBenchmark.run(knowledge: try knowledge(), folds: Int(options["--folds"] ?? "") ?? 5, checkProbabilities: checks,
                                  training: settings, alarmProbability: options["--alarm"].flatMap { Double($0) } ?? SafetyNet.Settings().alarmProbability,
                                  minimumWords: options["--min-words"].flatMap { Int($0) } ?? SafetyNet.Settings().minimumClassifierWords,
                                  showMistakes: flags.contains("--show-mistakes")))
    case "export":
        for passage in try corpus(try knowledge()) { print(CorpusFile.line(passage)) }
    case "retrieval":
        let repeats = Int(options["--repeat"] ?? "") ?? 20
        let report = try RetrievalBenchmark.run(knowledge: try knowledge(), corpus: corpus, queriesPath: options["--queries"], repeats: repeats)
        print(flags.contains("--json") ? report.json.serialized : report.text)
    default:
        print(usage)
        exit(command.isEmpty || command == "--help" ? 0 : 2)
    }
} catch {
    print("error: \(error)")
    exit(1)
}
