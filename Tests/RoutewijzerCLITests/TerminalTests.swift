import Foundation
import Testing

/// The chat in a real terminal (tmux), as a person sees it: `Benchmarks/terminal-capture.sh` plays a
/// conversation at a given width and captures the window. Skipped, visibly, where tmux is absent;
/// `.ci/run` installs it, so CI always runs these.
@Suite("Chat in a real terminal")
struct TerminalTests {
    static let tmux = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The captured window of the scripted conversation at `width` columns.
    func capture(width: Int) throws -> String {
        let output = FileManager.default.temporaryDirectory.appending(path: "rw-terminal-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(filePath: "/bin/bash")
        process.arguments = [CommandRunner.packageRoot.appending(path: "Benchmarks/terminal-capture.sh").path, String(width), output.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["ROUTEWIJZER_BINARY": CommandRunner.binary.path]) { $1 }
        process.currentDirectoryURL = CommandRunner.packageRoot
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "terminal-capture.sh failed")
        return try String(contentsOf: output, encoding: .utf8)
    }

    @Test("at 50 and 100 columns no line is wider than the window; a prompt, compact cards, the summary on Ctrl-D",
          .enabled(if: tmux != nil, "tmux is not installed (apt-get install tmux); .ci/run installs it"),
          arguments: [50, 100])
    func widths(width: Int) throws {
        let screen = try capture(width: width)
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        // The person's own typing is wrapped by the terminal, not by us; only our lines are checked.
        let ours = lines.filter { !$0.hasPrefix("> ") }
        #expect(ours.allSatisfy { $0.count <= width }, "\(ours.filter { $0.count > width })")
        #expect(lines.contains { $0.hasPrefix("> nee") } && screen.contains("▸ CIZ (Wlz-indicatie)"))
        #expect(!screen.contains("Bronnen:") && !screen.contains("https://"))
        #expect(screen.contains("Samenvatting van uw gesprek") && screen.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("Tot ziens. Veel sterkte."))
    }
}
