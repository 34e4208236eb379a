import Dialogue
import Retrieval

/// libFuzzer entry: the flow-file parser and validator accept or report any text, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFlow(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (dialogs, _) = DialogSet.parse([SourceFile(path: "intake.md", text: "---\nid: intake\ntitle: T\n---\n" + text),
                                        SourceFile(path: "x.md", text: text)])
    _ = DialogValidator.problems(in: dialogs, knowledge: KnowledgeBase.parse([]).base)
    if let flow = dialogs.flows.first { _ = FlowGraph.render([flow], format: .mermaid) }
    _ = try? Transcript.parse(text, path: "t.md")
    return 0
}
