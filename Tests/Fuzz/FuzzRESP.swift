import Wire

/// libFuzzer entry: the RESP2 reply parser, fed the input in pieces, returns replies, waits for
/// more or fails; it never crashes, and it never holds more than its limits allow.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRESP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = RESPParser.Limits()
    limits.maximumBulkBytes = 4096
    limits.maximumArrayCount = 64
    limits.maximumLineBytes = 256
    var parser = RESPParser(limits: limits)
    var start = 0
    while start < bytes.count {
        let end = min(bytes.count, start + 1 + Int(bytes[start]) % 64)
        parser.append(bytes[start..<end])
        do {
            while let reply = try parser.next() {
                if case .bulk(let value?) = reply { precondition(value.count <= 4096) }
            }
        } catch {
            return 0
        }
        start = end
    }
    return 0
}
