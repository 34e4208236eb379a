/// Turns bytes from a connection into HTTP/1.x requests, one at a time, pipelining included.
///
/// A byte-in state machine with no I/O: the server appends what it reads and asks for the next
/// request. Bodies may come with Content-Length or chunked; `Expect: 100-continue` is reported so
/// the server can answer it. Anything malformed or over a limit ends in `.failure` with the status
/// to send, after which the connection must be closed.
public struct HTTPRequestParser: Sendable {
    public enum Step: Equatable, Sendable {
        case request(HTTPRequest)
        /// More bytes are needed.
        case needMore
        /// The head asked for `100 Continue` before sending its body; reported once per request.
        case expectsContinue
        case failure(status: Int, message: String)
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
        if head == nil {
            switch parseHead() {
            case .success(let parsed?): head = parsed
            case .success(nil): return .needMore
            case .failure(let failure): return .failure(status: failure.status, message: failure.message)
            }
        }
        guard let (request, bodyStart, framing) = head else { return .needMore }
        let body: (bytes: [UInt8], end: Int)?
        switch framing {
        case .length(let length):
            body = buffer.count - bodyStart >= length ? (Array(buffer[bodyStart..<(bodyStart + length)]), bodyStart + length) : nil
        case .chunked:
            switch decodeChunked(from: bodyStart) {
            case .success(let decoded): body = decoded
            case .failure(let failure): return .failure(status: failure.status, message: failure.message)
            }
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

    struct Failure: Error {
        var status: Int
        var message: String
    }

    // MARK: Head

    private func parseHead() -> Result<(HTTPRequest, Int, Framing)?, Failure> {
        // Tolerate empty lines before a request (RFC 9112 §2.2).
        var start = 0
        while start + 1 < buffer.count, buffer[start] == 0x0D, buffer[start + 1] == 0x0A { start += 2 }
        while start < buffer.count, buffer[start] == 0x0A { start += 1 }
        guard let end = headEnd(from: start) else {
            if let firstLineEnd = buffer[start...].firstIndex(of: 0x0A), firstLineEnd - start > limits.maximumTargetBytes + 32 {
                return .failure(Failure(status: 414, message: "request target too long"))
            }
            if buffer.count - start > limits.maximumHeaderBytes {
                let firstLineDone = buffer[start...].contains(0x0A)
                return .failure(firstLineDone ? Failure(status: 431, message: "request header fields too large")
                                              : Failure(status: 414, message: "request target too long"))
            }
            return .success(nil)
        }
        guard end.headerEnd - start <= limits.maximumHeaderBytes else {
            return .failure(Failure(status: 431, message: "request header fields too large"))
        }
        let lines = splitLines(buffer[start..<end.headerEnd])
        guard let requestLine = lines.first else { return .failure(Failure(status: 400, message: "empty request")) }
        return parseRequestLine(requestLine).flatMap { method, target, minor in
            parseHeaders(lines.dropFirst()).flatMap { headers in
                let request = HTTPRequest(method: method, target: target, minorVersion: minor, headers: headers)
                return framing(of: request).map { (request, end.bodyStart, $0) }
            }
        }
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

    private func splitLines(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            line.last == 0x0D ? line.dropLast() : line
        }
    }

    private func parseRequestLine(_ line: ArraySlice<UInt8>) -> Result<(String, String, Int), Failure> {
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(Self.isTokenByte), !parts[1].isEmpty else {
            return .failure(Failure(status: 400, message: "malformed request line"))
        }
        guard parts[1].count <= limits.maximumTargetBytes else { return .failure(Failure(status: 414, message: "request target too long")) }
        guard parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return .failure(Failure(status: 400, message: "malformed request target")) }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/1.") else {
            return .failure(version.hasPrefix("HTTP/") ? Failure(status: 505, message: "HTTP version not supported")
                                                      : Failure(status: 400, message: "malformed request line"))
        }
        guard let minor = Int(version.dropFirst(7)), minor == 0 || minor == 1 else {
            return .failure(Failure(status: 505, message: "HTTP version not supported"))
        }
        return .success((String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self), minor))
    }

    private func parseHeaders(_ lines: ArraySlice<ArraySlice<UInt8>>) -> Result<[(name: String, value: String)], Failure> {
        guard lines.count <= limits.maximumHeaderCount else {
            return .failure(Failure(status: 431, message: "too many header fields"))
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy(Self.isTokenByte) else {
                // Also rejects obsolete line folding (a line starting with white space).
                return .failure(Failure(status: 400, message: "malformed header field"))
            }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            let value = Substring(String(decoding: line[(colon + 1)...], as: UTF8.self)).trimmingSpaces()
            headers.append((name, value))
        }
        return .success(headers)
    }

    /// Content-Length or chunked, never both (a smuggling vector), within the body limit.
    private func framing(of request: HTTPRequest) -> Result<Framing, Failure> {
        if request.minorVersion == 1 && request.header("host") == nil {
            return .failure(Failure(status: 400, message: "missing Host header"))
        }
        let lengths = Set(request.headers.filter { $0.name == "content-length" }.flatMap { $0.value.split(separator: ",").map { $0.trimmingSpaces() } })
        if let encoding = request.header("transfer-encoding") {
            guard lengths.isEmpty else { return .failure(Failure(status: 400, message: "both Content-Length and Transfer-Encoding")) }
            guard encoding.lowercased() == "chunked" else { return .failure(Failure(status: 501, message: "unsupported transfer coding")) }
            return .success(.chunked)
        }
        guard lengths.count <= 1 else { return .failure(Failure(status: 400, message: "conflicting Content-Length values")) }
        guard let text = lengths.first else { return .success(.length(0)) }
        guard !text.isEmpty, text.count <= 18, text.allSatisfy(\.isASCIIDigit), let length = Int(text) else {
            return .failure(Failure(status: 400, message: "invalid Content-Length"))
        }
        guard length <= limits.maximumBodyBytes else { return .failure(Failure(status: 413, message: "request body too large")) }
        return .success(.length(length))
    }

    // MARK: Chunked body

    /// The decoded body and where it ends, `nil` while incomplete.
    private func decodeChunked(from start: Int) -> Result<(bytes: [UInt8], end: Int)?, Failure> {
        var body: [UInt8] = []
        var index = start
        while true {
            guard let lineEnd = buffer[index...].firstIndex(of: 0x0A) else {
                return buffer.count - index > 1024 ? .failure(Failure(status: 400, message: "malformed chunk size")) : .success(nil)
            }
            var sizeLine = buffer[index..<lineEnd]
            if sizeLine.last == 0x0D { sizeLine = sizeLine.dropLast() }
            let digits = sizeLine.prefix { $0 != UInt8(ascii: ";") }
            guard !digits.isEmpty, digits.count <= 8, let size = Int(String(decoding: digits, as: UTF8.self), radix: 16), size >= 0 else {
                return .failure(Failure(status: 400, message: "malformed chunk size"))
            }
            index = lineEnd + 1
            if size == 0 { return trailerEnd(from: index).map { $0.map { (body, $0) } } }
            guard body.count + size <= limits.maximumBodyBytes else { return .failure(Failure(status: 413, message: "request body too large")) }
            guard buffer.count >= index + size + 1 else { return .success(nil) }
            body.append(contentsOf: buffer[index..<(index + size)])
            index += size
            if buffer[index] == 0x0D {
                guard buffer.count >= index + 2 else { return .success(nil) }
                index += 1
            }
            guard buffer[index] == 0x0A else { return .failure(Failure(status: 400, message: "malformed chunk")) }
            index += 1
        }
    }

    /// Skips trailer fields up to the empty line that ends a chunked body.
    private func trailerEnd(from start: Int) -> Result<Int?, Failure> {
        var index = start
        while true {
            guard let lineEnd = buffer[index...].firstIndex(of: 0x0A) else {
                return buffer.count - start > limits.maximumHeaderBytes ? .failure(Failure(status: 431, message: "trailer fields too large")) : .success(nil)
            }
            let empty = lineEnd == index || (lineEnd == index + 1 && buffer[index] == 0x0D)
            index = lineEnd + 1
            if empty { return .success(index) }
        }
    }

    /// tchar of RFC 9110 §5.6.2.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
