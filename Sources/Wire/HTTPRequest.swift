/// An HTTP/1.x request as the webhook sees it (RFC 9112).
public struct HTTPRequest: Equatable, Sendable {
    public var method: String
    /// The request target as sent: path and optional query.
    public var target: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    public var minorVersion: Int
    /// Header fields in order, names lowercased.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, target: String, minorVersion: Int = 1, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.minorVersion = minorVersion
        self.headers = headers
        self.body = body
    }

    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.method == rhs.method && lhs.target == rhs.target && lhs.minorVersion == rhs.minorVersion
            && lhs.headers.elementsEqual(rhs.headers) { $0.name == $1.name && $0.value == $1.value } && lhs.body == rhs.body
    }

    /// The first value of header `name` (lowercase).
    public func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

    /// The path without the query.
    public var path: String {
        guard let query = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return target }
        return String(target[..<query])
    }

    /// HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes unless told to keep it.
    public var keepAlive: Bool {
        guard let connection = header("connection") else { return minorVersion >= 1 }
        let elements = ListElements(connection)
        return minorVersion >= 1 ? !elements.contains { $0.utf8.equalsIgnoringASCIICase("close") }
                                 : elements.contains { $0.utf8.equalsIgnoringASCIICase("keep-alive") }
    }

    /// Whether Content-Type names the media type `type` (lowercase ASCII), parameters such as
    /// `charset` aside; like `split(separator: ";").first`, leading semicolons are skipped.
    public func hasMediaType(_ type: String) -> Bool {
        guard let value = header("content-type") else { return false }
        let semicolon = UInt8(ascii: ";")
        return value.withUTF8Bytes { $0.drop { $0 == semicolon }.prefix { $0 != semicolon }.trimmingSpaces().equalsIgnoringASCIICase(type) }
    }
}

/// Limits that protect the server from oversized requests; each breach has its own status code.
public struct HTTPLimits: Sendable, Equatable {
    /// Request line and header fields together (431 when exceeded).
    public var maximumHeaderBytes = 16 * 1024
    /// The request target (414 when exceeded).
    public var maximumTargetBytes = 4 * 1024
    /// The decoded body (413 when exceeded).
    public var maximumBodyBytes = 64 * 1024
    /// Header fields (431 when exceeded).
    public var maximumHeaderCount = 100

    public init() {}
}

extension BidirectionalCollection<UInt8> {
    /// Without leading and trailing spaces and tabs (optional white space around header values).
    func trimmingSpaces() -> SubSequence {
        let isText: (UInt8) -> Bool = { $0 != 0x20 && $0 != 0x09 }
        guard let first = firstIndex(where: isText), let last = lastIndex(where: isText) else { return self[endIndex...] }
        return self[first...last]
    }
}

extension Collection<UInt8> {
    /// Equal to `lowercase` (lowercase ASCII) when ASCII letters are compared without case, as HTTP
    /// compares tokens such as `close` or `chunked` (RFC 9110 §5.6.2); no lowercased copy is made.
    func equalsIgnoringASCIICase(_ lowercase: String) -> Bool {
        lowercase.withUTF8Bytes { expected in
            count == expected.count && zip(self, expected).allSatisfy { $0.asciiLowercased == $1 }
        }
    }
}

extension UInt8 {
    /// An ASCII capital letter made small; every other byte as it is. HTTP tokens are ASCII, so this
    /// is exact for them.
    var asciiLowercased: UInt8 { self >= 65 && self <= 90 ? self | 0x20 : self }
}

extension String {
    /// `body` with the UTF-8 bytes. Native strings are stored as contiguous UTF-8, so nothing is
    /// copied, and a buffer is much cheaper to walk than a `UTF8View`.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var text = self
        return text.withUTF8(body)
    }
}

/// The elements of a comma-separated header value (RFC 9110 §5.6.1), each trimmed of spaces and
/// tabs. Like `split(separator: ",")`, nothing between adjacent commas is no element; unlike it, no
/// array is built.
struct ListElements: Sequence, IteratorProtocol {
    private var rest: Substring.UTF8View

    init(_ value: String) {
        rest = value[...].utf8
    }

    mutating func next() -> Substring? {
        while !rest.isEmpty {
            let end = rest.firstIndex(of: UInt8(ascii: ",")) ?? rest.endIndex
            let element = rest[..<end]
            rest = end == rest.endIndex ? rest[end...] : rest[rest.index(after: end)...]
            if !element.isEmpty { return Substring(element.trimmingSpaces()) }
        }
        return nil
    }
}
