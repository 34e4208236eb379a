/// Turns bytes from a connection into HTTP/1.x requests, one at a time, pipelining included.
///
/// A byte-in state machine with no I/O: the server appends what it reads and asks for the next
/// request. Bodies may come with Content-Length or chunked; `Expect: 100-continue` is reported so
/// the server can answer it. Anything malformed or over a limit ends in `.failure` with the error
/// to send, after which the connection must be closed.
public struct HTTPRequestParser: Sendable {
    public enum Step: Equatable, Sendable {
        case request(HTTPRequest)
        /// More bytes are needed.
        case needMore
        /// The head asked for `100 Continue` before sending its body; reported once per request.
        case expectsContinue
        case failure(HTTPError)
    }

    public let limits: HTTPLimits
    private var buffer: [UInt8] = []
    /// The head of a request whose body has not fully arrived.
    private var head: (request: HTTPRequest, bodyStart: Int, framing: Framing)?
    private var continueReported = false

    private enum Framing: Equatable, Sendable {
        case length(Int)
        case chunked
    }

    public init(limits: HTTPLimits = HTTPLimits()) {
        self.limits = limits
    }

    /// Bytes received and not yet consumed by a request.
    public var bufferedCount: Int { buffer.count }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete request, or what stands in its way.
    public mutating func next() -> Step {
        do throws(HTTPError) {
            return try nextRequest()
        } catch {
            return .failure(error)
        }
    }

    private mutating func nextRequest() throws(HTTPError) -> Step {
        if head == nil {
            guard let parsed = try readHead() else { return .needMore }
            head = parsed
        }
        guard let (request, bodyStart, framing) = head else { return .needMore }
        let body: (bytes: [UInt8], end: Int)?
        switch framing {
        case .length(let length):
            body = buffer.count - bodyStart >= length ? (Array(buffer[bodyStart..<(bodyStart + length)]), bodyStart + length) : nil
        case .chunked:
            body = try decodeChunked(from: bodyStart)
        }
        guard let body else {
            if request.header("expect")?.lowercased() == "100-continue" && !continueReported {
                continueReported = true
                return .expectsContinue
            }
            return .needMore
        }
        buffer.removeFirst(body.end)
        head = nil
        continueReported = false
        var complete = request
        complete.body = body.bytes
        return .request(complete)
    }

    // MARK: Head

    private func readHead() throws(HTTPError) -> (HTTPRequest, Int, Framing)? {
        // Tolerate empty lines before a request (RFC 9112 §2.2).
        var start = 0
        while start + 1 < buffer.count, buffer[start] == 0x0D, buffer[start + 1] == 0x0A { start += 2 }
        while start < buffer.count, buffer[start] == 0x0A { start += 1 }
        guard let end = headEnd(from: start) else {
            if let firstLineEnd = buffer[start...].firstIndex(of: 0x0A), firstLineEnd - start > limits.maximumTargetBytes + 32 {
                throw .uriTooLong("request target too long")
            }
            if buffer.count - start > limits.maximumHeaderBytes {
                let firstLineDone = buffer[start...].contains(0x0A)
                throw firstLineDone ? HTTPError.headerTooLarge("request header fields too large")
                                    : HTTPError.uriTooLong("request target too long")
            }
            return nil
        }
        guard end.headerEnd - start <= limits.maximumHeaderBytes else {
            throw .headerTooLarge("request header fields too large")
        }
        var lines = LineReader(buffer: buffer, from: start, to: end.headerEnd)
        guard let requestLine = lines.next() else { throw .badRequest("empty request") }
        let (method, target, minor) = try parseRequestLine(requestLine)
        let request = HTTPRequest(method: method, target: target, minorVersion: minor, headers: try parseHeaders(&lines))
        return (request, end.bodyStart, try framing(of: request))
    }

    /// Where the head ends (the empty line), accepting CRLF or bare LF line ends.
    private func headEnd(from start: Int) -> (headerEnd: Int, bodyStart: Int)? {
        var index = start
        let limit = min(buffer.count, start + limits.maximumHeaderBytes + 4)
        while index < limit {
            if buffer[index] == 0x0A {
                if index + 1 < buffer.count, buffer[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < buffer.count, buffer[index + 1] == 0x0D, buffer[index + 2] == 0x0A { return (index, index + 3) }
            }
            index += 1
        }
        return nil
    }

    /// The lines of a head, without their CR LF or LF, read in place.
    private struct LineReader {
        let buffer: [UInt8]
        var index: Int
        let end: Int

        init(buffer: [UInt8], from start: Int, to end: Int) {
            self.buffer = buffer
            self.index = start
            self.end = end
        }

        mutating func next() -> ArraySlice<UInt8>? {
            guard index < end else { return nil }
            let lineEnd = buffer[index..<end].firstIndex(of: 0x0A) ?? end
            var line = buffer[index..<lineEnd]
            if line.last == 0x0D { line = line.dropLast() }
            index = lineEnd + 1
            return line
        }
    }

    private func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPError) -> (String, String, Int) {
        guard let firstSpace = line.firstIndex(of: 0x20), let secondSpace = line[(firstSpace + 1)...].firstIndex(of: 0x20),
              !line[(secondSpace + 1)...].contains(0x20) else {
            throw .badRequest("malformed request line")
        }
        let method = line[line.startIndex..<firstSpace], target = line[(firstSpace + 1)..<secondSpace]
        let version = line[(secondSpace + 1)...]
        guard !method.isEmpty, method.allSatisfy(Self.isTokenByte), !target.isEmpty else {
            throw .badRequest("malformed request line")
        }
        guard target.count <= limits.maximumTargetBytes else { throw .uriTooLong("request target too long") }
        guard target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .badRequest("malformed request target") }
        guard version.starts(with: "HTTP/1.".utf8) else {
            throw version.starts(with: "HTTP/".utf8) ? HTTPError.versionNotSupported("HTTP version not supported")
                                                     : HTTPError.badRequest("malformed request line")
        }
        let minor = version.dropFirst(7)
        guard minor.count == 1, let digit = minor.first, digit == UInt8(ascii: "0") || digit == UInt8(ascii: "1") else {
            throw .versionNotSupported("HTTP version not supported")
        }
        return (String(decoding: method, as: UTF8.self), Self.originForm(target), Int(digit - UInt8(ascii: "0")))
    }

    /// The target in origin form: an absolute-form target ("http://host/v1/messages?x", which a server
    /// must accept, RFC 9112 §3.2.2) becomes its path and query; "http://host" becomes "/".
    static func originForm(_ target: ArraySlice<UInt8>) -> String {
        for scheme in ["http://", "https://"] where target.count >= scheme.utf8.count
            && target.prefix(scheme.utf8.count).equalsIgnoringASCIICase(scheme) {
            let authority = target.dropFirst(scheme.utf8.count)
            guard let pathStart = authority.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) else { return "/" }
            let rest = String(decoding: authority[pathStart...], as: UTF8.self)
            return rest.hasPrefix("?") ? "/" + rest : rest
        }
        return String(decoding: target, as: UTF8.self)
    }

    private func parseHeaders(_ lines: inout LineReader) throws(HTTPError) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(8)
        while let line = lines.next() {
            guard headers.count < limits.maximumHeaderCount else { throw .headerTooLarge("too many header fields") }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy(Self.isTokenByte) else {
                // Also rejects obsolete line folding (a line starting with white space).
                throw .badRequest("malformed header field")
            }
            let value = line[(colon + 1)...].trimmingSpaces()
            // A bare CR, a NUL or another control byte in a value is how one message is smuggled
            // inside another behind a lenient proxy (RFC 9110 §5.5): refuse it. Tab is allowed.
            guard !value.contains(where: { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }) else {
                throw .badRequest("control character in a header field value")
            }
            headers.append((Self.lowercased(line[line.startIndex..<colon]), String(decoding: value, as: UTF8.self)))
        }
        return headers
    }

    /// A header name in lowercase, written straight into the string's storage.
    private static func lowercased(_ name: ArraySlice<UInt8>) -> String {
        String(unsafeUninitializedCapacity: name.count) { storage in
            for (offset, byte) in name.enumerated() { storage[offset] = byte.asciiLowercased }
            return name.count
        }
    }

    /// Content-Length or chunked, never both (a smuggling vector), within the body limit.
    private func framing(of request: HTTPRequest) throws(HTTPError) -> Framing {
        let hosts = request.headers.filter { $0.name == "host" }.count
        if request.minorVersion == 1 && hosts == 0 { throw .badRequest("missing Host header") }
        // RFC 9112 §3.2: more than one Host field is an error, in every version.
        if hosts > 1 { throw .badRequest("more than one Host header") }
        let length = Self.contentLength(of: request)
        // Every Transfer-Encoding field counts, as one list: a proxy that reads only the first and a
        // server that reads only the last would frame one message two ways.
        let codings = request.headers.filter { $0.name == "transfer-encoding" }.flatMap { ListElements($0.value).map { $0 } }
        if request.headers.contains(where: { $0.name == "transfer-encoding" }) {
            guard case .none = length else { throw .badRequest("both Content-Length and Transfer-Encoding") }
            guard !codings.isEmpty else { throw .badRequest("empty Transfer-Encoding") }
            guard codings.allSatisfy({ $0.utf8.equalsIgnoringASCIICase("chunked") }) else {
                throw .notImplemented("unsupported transfer coding")
            }
            guard codings.count == 1 else { throw .badRequest("chunked applied more than once") }
            return .chunked
        }
        switch length {
        case .none: return .length(0)
        case .conflicting: throw .badRequest("conflicting Content-Length values")
        case .value(let text):
            guard !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let length = Int(text) else {
                throw .badRequest("invalid Content-Length")
            }
            guard length <= limits.maximumBodyBytes else { throw .payloadTooLarge("request body too large") }
            return .length(length)
        }
    }

    private enum ContentLength {
        case none
        case value(Substring)
        case conflicting
    }

    /// The one text every Content-Length field and list element agrees on: a recipient may accept
    /// `5, 5` (RFC 9112 §6.3), never two different values.
    private static func contentLength(of request: HTTPRequest) -> ContentLength {
        var agreed: Substring?
        for field in request.headers where field.name == "content-length" {
            for element in ListElements(field.value) {
                guard agreed == nil || agreed == element else { return .conflicting }
                agreed = element
            }
        }
        return agreed.map(ContentLength.value) ?? .none
    }

    // MARK: Chunked body

    /// The decoded body and where it ends, `nil` while incomplete.
    private func decodeChunked(from start: Int) throws(HTTPError) -> (bytes: [UInt8], end: Int)? {
        var body: [UInt8] = []
        var index = start
        while true {
            guard let lineEnd = buffer[index...].firstIndex(of: 0x0A) else {
                guard buffer.count - index <= 1024 else { throw .badRequest("malformed chunk size") }
                return nil
            }
            var sizeLine = buffer[index..<lineEnd]
            if sizeLine.last == 0x0D { sizeLine = sizeLine.dropLast() }
            let digits = sizeLine.prefix { $0 != UInt8(ascii: ";") }
            // Hex digits only: Int(_:radix:) would also take "+2" and "-0", which another parser reads otherwise.
            guard !digits.isEmpty, digits.count <= 8, digits.allSatisfy(Self.isHexDigit),
                  let size = Int(String(decoding: digits, as: UTF8.self), radix: 16) else {
                throw .badRequest("malformed chunk size")
            }
            index = lineEnd + 1
            if size == 0 { return try trailerEnd(from: index).map { (body, $0) } }
            guard body.count + size <= limits.maximumBodyBytes else { throw .payloadTooLarge("request body too large") }
            guard buffer.count >= index + size + 1 else { return nil }
            body.append(contentsOf: buffer[index..<(index + size)])
            index += size
            if buffer[index] == 0x0D {
                guard buffer.count >= index + 2 else { return nil }
                index += 1
            }
            guard buffer[index] == 0x0A else { throw .badRequest("malformed chunk") }
            index += 1
        }
    }

    /// Skips trailer fields up to the empty line that ends a chunked body.
    private func trailerEnd(from start: Int) throws(HTTPError) -> Int? {
        var index = start
        while true {
            guard let lineEnd = buffer[index...].firstIndex(of: 0x0A) else {
                guard buffer.count - start <= limits.maximumHeaderBytes else { throw .headerTooLarge("trailer fields too large") }
                return nil
            }
            let empty = lineEnd == index || (lineEnd == index + 1 && buffer[index] == 0x0D)
            index = lineEnd + 1
            if empty { return index }
        }
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    /// tchar of RFC 9110 §5.6.2.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
