import Dialogue

/// libFuzzer entry: a session state in its compact form (as the journal stores it) reads back or is
/// refused, never crashes; what reads back writes a form that reads back to the same state.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzState(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let state = SessionState(compact: bytes[...]) {
        precondition(SessionState(compact: state.compact[...]) == state)
    }
    return 0
}
