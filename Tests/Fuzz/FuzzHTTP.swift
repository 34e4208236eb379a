import Wire

/// libFuzzer entry: the HTTP parser, fed the input in two pieces split by its first byte, must
/// produce requests, ask for more or fail with a status, never crash or loop.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var limits = HTTPLimits()
    limits.maximumBodyBytes = 4096
    limits.maximumHeaderBytes = 2048
    var parser = HTTPRequestParser(limits: limits)
    let split = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    for piece in [bytes[..<split], bytes[split...]] {
        parser.append(piece)
        var steps = 0
        loop: while steps < 10_000 {
            steps += 1
            switch parser.next() {
            case .request(let request): precondition(request.body.count <= limits.maximumBodyBytes)
            case .expectsContinue: continue
            case .needMore: break loop
            case .failure(let error):
                precondition((400...505).contains(error.status) && !error.code.isEmpty)
                return 0
            }
        }
        precondition(steps < 10_000, "the parser looped")
    }
    return 0
}
