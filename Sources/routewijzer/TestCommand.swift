import Dialogue
import Retrieval

/// `routewijzer test [DIR]`: plays every conversation transcript and shows what differs.
enum TestCommand {
    static let spec = CommandSpec(
        name: "test", synopsis: "test [DIR]",
        summary: "Play the conversation transcripts (default: Tests/Conversations); exit 1 on a failure.",
        options: Option.content)

    static func run(_ arguments: Arguments) throws(CLIError) {
        guard arguments.positional.count <= 1 else { throw .usage("test takes at most one directory") }
        let directory = try locate(arguments.positional.first)
        let files: [SourceFile]
        do { files = try KnowledgeLoader.read(directory).filter { $0.path.hasSuffix(".md") } } catch { throw .failure(error.description) }
        guard !files.isEmpty else { throw .failure("no transcripts (*.md) in \(directory)") }
        let runner = TranscriptRunner(engine: try LoadedContent(arguments).engine)
        var failed = 0
        for file in files {
            let failures: [String]
            do {
                failures = runner.failures(of: try Transcript.parse(file.text, path: file.path)).map(\.description)
            } catch {
                failures = [error.description]
            }
            Console.out((failures.isEmpty ? "ok    " : "FAIL  ") + file.path)
            for failure in failures { Console.out("  " + failure.replacing("\n", with: "\n  ")) }
            if !failures.isEmpty { failed += 1 }
        }
        let summary = "\(files.count) transcript(s), \(failed) failed (\(directory))"
        guard failed == 0 else { throw .failure(summary) }
        Console.out(summary)
    }

    /// The directory given, else `Tests/Conversations` here or next to the executable.
    static func locate(_ explicit: String?) throws(CLIError) -> String {
        do {
            return try KnowledgeLoader.locate("Tests/Conversations", explicit: explicit, executablePath: Console.executablePath)
        } catch {
            throw .failure("no transcript directory found; give one: routewijzer test DIR")
        }
    }
}
