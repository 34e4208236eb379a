// FoundationEssentials, not Foundation: the whole of Foundation maps ICU's data into every process
// (about 20 MB of resident memory in `serve`) for nothing this program uses.
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif
import DutchText
import Retrieval

/// Keeps the trained route classifier between runs, so `ask`, `chat` and the other commands that
/// start often do not train on every example again.
///
/// Training is deterministic: a model read back answers exactly as a freshly trained one. The file
/// name carries the training key (examples, analysis tables, settings and this program build), so
/// changed content or a new build simply trains again; a damaged or foreign file is ignored. The
/// model is derived from the content alone: nothing a person typed is ever stored here.
enum ClassifierCache {
    /// Older models kept beside the current one (other content directories, earlier versions).
    static let keptFiles = 8
    /// A larger file is not one of ours (the bundled model is about 2 MB) and is not read.
    static let maximumFileBytes = 64 << 20

    /// The directory: `ROUTEWIJZER_CACHE` when set (empty or `off` turns the cache off), else
    /// `$XDG_CACHE_HOME/routewijzer`, else `~/.cache/routewijzer`.
    static func directory() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let chosen = environment["ROUTEWIJZER_CACHE"] {
            return chosen.isEmpty || chosen == "off" ? nil : chosen
        }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/routewijzer" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.cache/routewijzer"
    }

    /// A classifier trained on `examples` with the analysis of `tables`: read back when a model with
    /// its key is stored, else trained and stored. Nil when there are no examples.
    static func classifier(examples: [IntentExample], tables: TermTables, settings: RouteClassifier.Settings) -> RouteClassifier? {
        guard !examples.isEmpty else { return nil }
        let train = { RouteClassifier(examples: examples, analyzer: Analyzer(tables: tables), settings: settings) }
        guard let directory = directory() else { return train() }
        let key = RouteClassifier.trainingKey(examples: examples, tables: tables, settings: settings, salt: buildSalt)
        let path = directory + "/classifier-" + String(key, radix: 16) + ".bin"
        if let size = FileStatus(path)?.size, size <= maximumFileBytes, let data = FileManager.default.contents(atPath: path),
           let classifier = try? RouteClassifier(archive: [UInt8](data), key: key) {
            return classifier
        }
        let classifier = train()
        store(classifier.archived(key: key), at: path, in: directory)
        return classifier
    }

    /// Writes to a temporary file and renames it, so a reader never sees half a model; failures
    /// (a read-only home, a full disk) only mean training again next time.
    private static func store(_ bytes: [UInt8], at path: String, in directory: String) {
        let files = FileManager.default
        try? files.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let temporary = directory + "/.classifier-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        guard files.createFile(atPath: temporary, contents: Data(bytes)) else { return }
        guard rename(temporary, path) == 0 else {
            try? files.removeItem(atPath: temporary)
            return
        }
        prune(directory, keeping: path)
    }

    /// Removes all but the newest `keptFiles` models.
    private static func prune(_ directory: String, keeping current: String) {
        let files = FileManager.default
        let models = ((try? files.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("classifier-") && $0.hasSuffix(".bin") }
            .map { directory + "/" + $0 }
            .filter { $0 != current }
            .map { path in (path, FileStatus(path)?.modified ?? 0) }
            .sorted { $0.1 > $1.1 }
        for (path, _) in models.dropFirst(keptFiles - 1) { try? files.removeItem(atPath: path) }
    }

    /// This build of the program: its size and modification time, so a rebuilt `routewijzer`, whose
    /// features or training may differ, never reads a model an older build stored. Looked up once per
    /// process, for every model it loads.
    private static let buildSalt: UInt64 = {
        guard let path = Console.executablePath, let status = FileStatus(path) else { return 0 }
        return StableHash.fnv1a("\(status.size) \(status.modified)".utf8, seed: 0)
    }()
}

/// A file's size and modification time, from `stat`.
private struct FileStatus {
    var size: Int
    /// Nanoseconds since the epoch.
    var modified: Int

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int(info.st_size)
        modified = Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)
    }
}
