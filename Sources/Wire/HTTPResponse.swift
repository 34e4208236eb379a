/// An HTTP/1.1 response and its bytes on the wire.
public struct HTTPResponse: Equatable, Sendable {
    public var status: Int
    public var contentType: String?
    public var body: [UInt8]
    /// Extra header fields, such as `Allow` on a 405 or `WWW-Authenticate` on a 401.
    public var headers: [String] = []

    public init(status: Int, contentType: String? = nil, body: [UInt8] = [], headers: [String] = []) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }

    public static func json(_ value: JSONValue, status: Int = 200) -> HTTPResponse {
        json(value.bytes, status: status)
    }

    /// JSON text already written as bytes, such as a turn object.
    public static func json(_ bytes: [UInt8], status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, contentType: "application/json", body: bytes)
    }

    /// The response to a refusal: its status, and its code and message in the body
    /// (`JSONValue.error(code:message:)`).
    public static func error(_ error: HTTPError) -> HTTPResponse {
        json(.error(code: error.code, message: error.message), status: error.status)
    }

    /// The status line, headers and body; `keepAlive` false adds `Connection: close`.
    public func serialized(keepAlive: Bool, headOnly: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(128 + (headOnly ? 0 : body.count))
        // Appended piece by piece: no interpolated or joined String is built on the way.
        func line(_ first: String, _ second: String = "", _ third: String = "") {
            output += first.utf8
            output += second.utf8
            output += third.utf8
            output += "\r\n".utf8
        }
        line("HTTP/1.1 ", String(status) + " ", Self.reason(status))
        line("Content-Length: ", String(body.count))
        if let contentType { line("Content-Type: ", contentType) }
        for header in headers { line(header) }
        if !keepAlive { line("Connection: close") }
        line("")
        if !headOnly { output += body }
        return output
    }

    public static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 413: "Content Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 503: "Service Unavailable"
        case 505: "HTTP Version Not Supported"
        default: "Status"
        }
    }
}
