import Wire

/// libFuzzer entry: line framing never yields a line over the limit, and every byte not in a line
/// is either pending or was discarded with a `.tooLong`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var framer = LineFramer(maximumLength: 64)
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + 1 + Int(bytes[start]) % 97)
        for event in framer.feed(bytes[start..<end]) {
            if case .line(let line) = event { precondition(line.count <= 65 && !line.contains(UInt8(ascii: "\n"))) }
        }
        precondition(framer.pendingCount <= 65)
        start = end
    }
    return 0
}
