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
        let connection = header("connection")?.lowercased() ?? ""
        let tokens = connection.split(separator: ",").map { $0.trimmingSpaces() }
        return minorVersion >= 1 ? !tokens.contains("close") : tokens.contains("keep-alive")
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

extension Substring {
    /// Without leading and trailing spaces and tabs.
    public func trimmingSpaces() -> String {
        let bytes = utf8.trimmingSpaces()
        return String(self[bytes.startIndex..<bytes.endIndex])
    }
}
