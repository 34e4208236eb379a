import Foundation

/// Runs the built `routewijzer` binary, as a user or another tool would.
struct CommandRunner {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The engine's sentences and answer words from the bundled Dialogs/, for fixture dialog directories.
    static let languageFiles: [String: String] = Dictionary(uniqueKeysWithValues: ["zinnen.tsv", "woorden.tsv"].map { name in
        (name, (try? String(contentsOf: packageRoot.appending(path: "Dialogs/\(name)"), encoding: .utf8)) ?? "")
    })

    /// The package root, found from this file's location.
    static let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary sits next to the test bundle in the build directory.
    static let binary: URL = {
        let testBinary = URL(filePath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        var directory = testBinary.deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: directory.appending(path: "routewijzer").path), directory.path != "/" {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appending(path: "routewijzer")
    }()

    /// Runs `routewijzer arguments…` in `directory` with `input` on standard input.
    /// `environment` adds variables to (or overrides) this process's own.
    static func run(_ arguments: [String], input: String = "", in directory: URL = packageRoot,
                    environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = directory
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }

    /// A temporary knowledge directory holding `files` (relative path → text).
    static func knowledgeDirectory(_ files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appending(path: "rw-knowledge-\(UUID().uuidString)")
        for (path, text) in files {
            let url = directory.appending(path: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return directory
    }

    /// Removes directories made by `knowledgeDirectory`.
    static func remove(_ directories: URL...) {
        for directory in directories { try? FileManager.default.removeItem(at: directory) }
    }
}
