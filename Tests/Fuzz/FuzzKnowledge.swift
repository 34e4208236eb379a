import Retrieval

/// libFuzzer entry: Knowledge documents and tables parse or report, and what parses can be indexed
/// and searched.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKnowledge(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (base, _) = KnowledgeBase.parse([
        SourceFile(path: "routes.tsv", text: "r\tR\td\n"), SourceFile(path: "a/d.md", text: text),
        SourceFile(path: "synonyms.tsv", text: text), SourceFile(path: "stems.tsv", text: text),
    ])
    _ = KnowledgeValidator.problems(in: base)
    var searcher = Searcher(index: BM25Index(knowledge: base))
    _ = searcher.search(String(text.prefix(200)))
    return 0
}
