import Wire

/// libFuzzer entry: the JSON parser must throw or return, never crash, on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let value = try? JSONParser.parse(bytes) {
        // What parses must serialize to JSON that parses back and serializes the same (the writer
        // rounds numbers to six decimals, so values themselves may differ).
        let text = value.serialized
        precondition((try? JSONParser.parse(text))?.serialized == text)
    }
    return 0
}
