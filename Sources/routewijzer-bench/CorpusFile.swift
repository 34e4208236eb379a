#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Retrieval
import Wire

/// The JSON-lines corpus format shared with the peer comparison (`Benchmarks/compare_peers.py`):
/// one passage per line, `{"id", "route", "title", "keywords", "body"}`.
enum CorpusFile {
    private struct Line: Decodable {
        var id: String
        var route: String
        var title: String
        var keywords: String
        var body: String
    }

    static func line(_ passage: Passage) -> String {
        JSONValue.object([
            ("id", .string(passage.id)), ("route", .string(passage.route)), ("title", .string(passage.title)),
            ("keywords", .string(passage.keywords)),
            ("body", .string([passage.section, passage.text].compactMap { $0 }.joined(separator: "\n"))),
        ]).serialized
    }

    static func read(_ path: String) throws -> [Passage] {
        guard let data = FileManager.default.contents(atPath: path) else { throw BenchError("cannot read \(path)") }
        let decoder = JSONDecoder()
        return try data.split(separator: UInt8(ascii: "\n")).map { bytes in
            let line = try decoder.decode(Line.self, from: Data(bytes))
            return Passage(id: line.id, documentID: line.id, route: line.route, title: line.title,
                           keywords: line.keywords, section: nil, text: line.body)
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
