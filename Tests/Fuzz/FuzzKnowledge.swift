import Retrieval

/// libFuzzer entry: Knowledge documents, tables, local overlays and the gemeente lists parse or
/// report, and what parses can be indexed, searched and asked where a person lives.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKnowledge(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (base, _) = KnowledgeBase.parse([
        SourceFile(path: "routes.tsv", text: "r\tR\td\n"), SourceFile(path: "a/d.md", text: text),
        SourceFile(path: "synonyms.tsv", text: text), SourceFile(path: "stems.tsv", text: text),
        SourceFile(path: "gemeenten/gemeenten.tsv", text: text), SourceFile(path: "gemeenten/woonplaatsen.tsv", text: text),
        SourceFile(path: "gemeenten/tilburg.md", text: text),
    ])
    _ = KnowledgeValidator.problems(in: base)
    _ = base.gemeenten.mentioned(in: String(text.prefix(400))) { $0.count < 4 }
    _ = base.localRouteWords(in: String(text.prefix(400)), gemeente: base.overlays.first?.gemeente)
    var searcher = Searcher(index: BM25Index(knowledge: base))
    _ = searcher.search(String(text.prefix(200)))
    return 0
}
