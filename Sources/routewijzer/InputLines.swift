import DutchText
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Line input for batch commands: a file, or standard input for "-".
enum InputLines {
    /// Calls `body` with each line of `path` ("-" = standard input), in order.
    static func forEach(in path: String, _ body: (String) throws(CLIError) -> Void) throws(CLIError) {
        if path == "-" {
            while let line = readLine() { try body(line) }
            return
        }
        for line in try read(path).lines.dropLastIfEmpty() { try body(String(line)) }
    }

    /// The whole text of a file, or a clear error naming it.
    static func read(_ path: String) throws(CLIError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw .failure("cannot read \(path)") }
        return String(decoding: data, as: UTF8.self)
    }
}

private extension Array where Element == Substring {
    /// A file ending in a newline has no line after it.
    func dropLastIfEmpty() -> ArraySlice<Substring> { last == "" ? dropLast() : self[...] }
}
