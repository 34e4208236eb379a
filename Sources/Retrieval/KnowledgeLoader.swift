#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The edge between the disk and the content parsers: finds a content directory (`Knowledge/`,
/// `Dialogs/`) and reads its files.
public enum KnowledgeLoader {
    /// Why the content could not be read.
    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case notFound(directory: String, looked: [String])
        case unreadable(path: String)

        public var description: String {
            switch self {
            case .notFound(let directory, let looked):
                "no \(directory.lowercased()) directory found; looked in: \(looked.joined(separator: ", ")) (use --\(directory.lowercased()) DIR)"
            case .unreadable(let path):
                "cannot read \(path)"
            }
        }
    }

    /// The directory to load: `explicit` when given (it must exist), else `name` (such as `Knowledge`) in the
    /// current directory, then next to the executable and in the directories above it (for `swift run` builds).
    public static func locate(_ name: String = "Knowledge", explicit: String?, executablePath: String?) throws(LoadError) -> String {
        let fileManager = FileManager.default
        var candidates: [String] = []
        if let explicit {
            candidates = [explicit]
        } else {
            candidates.append(fileManager.currentDirectoryPath + "/" + name)
            if let executablePath {
                var directory = URL(filePath: executablePath).deletingLastPathComponent()
                for _ in 0..<5 {
                    candidates.append(directory.appending(path: name).path)
                    directory = directory.deletingLastPathComponent()
                }
            }
        }
        for candidate in candidates {
            if (try? fileManager.contentsOfDirectory(atPath: candidate)) != nil { return candidate }
        }
        throw .notFound(directory: name, looked: candidates)
    }

    /// Every `.md` and `.tsv` file below `directory`, and the example files (`voorbeelden/*.txt`,
    /// `veiligheid/*.txt`),
    /// with paths relative to it, sorted.
    public static func read(_ directory: String) throws(LoadError) -> [SourceFile] {
        let root = URL(filePath: directory)
        guard let paths = try? FileManager.default.subpathsOfDirectory(atPath: directory) else {
            throw .unreadable(path: directory)
        }
        var files: [SourceFile] = []
        for relative in paths {
            guard relative.hasSuffix(".md") || relative.hasSuffix(".tsv")
                || ((relative.hasPrefix(IntentExample.directory) || relative.hasPrefix(KnowledgeBase.safetyDirectory))
                    && relative.hasSuffix(".txt")) else { continue }
            let url = root.appending(path: relative)
            guard let data = try? Data(contentsOf: url) else { throw .unreadable(path: url.path) }
            files.append(SourceFile(path: relative, text: String(decoding: data, as: UTF8.self)))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Locates, reads and parses the knowledge base.
    public static func load(explicit: String?, executablePath: String?) throws(LoadError)
        -> (base: KnowledgeBase, problems: [KnowledgeError], directory: String) {
        let directory = try locate(explicit: explicit, executablePath: executablePath)
        let (base, problems) = KnowledgeBase.parse(try read(directory))
        return (base, problems, directory)
    }
}
