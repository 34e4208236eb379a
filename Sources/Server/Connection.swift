import Wire

/// One client connection, owned by the event loop that accepted it (never shared between threads).
final class Connection {
    enum Framing {
        case line(LineFramer)
        case http(HTTPRequestParser)

        /// Runs the closure for the current protocol on its state, moved out of the enum and put
        /// back after: a copy left behind would share the state's buffer, so the next append
        /// would copy the whole buffer.
        mutating func update(line: (inout LineFramer) -> Void, http: (inout HTTPRequestParser) -> Void) {
            switch consume self {
            case .line(var framer):
                line(&framer)
                self = .line(framer)
            case .http(var parser):
                http(&parser)
                self = .http(parser)
            }
        }
    }

    let fd: Int32
    let id: String
    var protocolState: Framing
    /// Bytes waiting to be written.
    var output: [UInt8] = []
    var lastActivity: Double
    /// When the first byte of an unfinished HTTP request arrived (for the header timeout).
    var requestStarted: Double?
    /// Close once `output` is written (HTTP errors, `Connection: close`).
    var closeAfterWrite = false
    var wantsWrite = false

    init(fd: Int32, id: String, protocolState: Framing, now: Double) {
        self.fd = fd
        self.id = id
        self.protocolState = protocolState
        self.lastActivity = now
    }

    /// Feeds received bytes to the protocol and queues the answers.
    func receive(_ bytes: ArraySlice<UInt8>, application: Application, limits: ServerLimits, now: Double) {
        lastActivity = now
        protocolState.update(
            line: { framer in
                for event in framer.feed(bytes) {
                    switch event {
                    case .line(let line): output += application.answerLine(line, connection: id)
                    case .tooLong: output += Application.lineTooLong(limits.maximumLineBytes)
                    }
                }
            },
            http: { parser in
                parser.append(bytes)
                if requestStarted == nil { requestStarted = now }
                answer(&parser, application: application, now: now)
            })
    }

    /// Answers every complete request in `parser`, in order, until one closes the connection.
    private func answer(_ parser: inout HTTPRequestParser, application: Application, now: Double) {
        while !closeAfterWrite {
            switch parser.next() {
            case .request(let request):
                let response = application.respond(to: request)
                let keepAlive = request.keepAlive
                output += response.serialized(keepAlive: keepAlive, headOnly: request.method == "HEAD")
                if !keepAlive { closeAfterWrite = true }
                requestStarted = parser.bufferedCount > 0 ? now : nil
            case .expectsContinue:
                output += Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
            case .needMore:
                return
            case .failure(let status, let message):
                application.metrics.request(status: status)
                output += HTTPResponse.error(status, "bad_request", message).serialized(keepAlive: false)
                closeAfterWrite = true
            }
        }
    }
}

/// The limits of the servers, all configurable (see `routewijzer serve --help`).
public struct ServerLimits: Sendable {
    public var maximumLineBytes = 8 * 1024
    public var http = HTTPLimits()
    public var maximumConnections = 1024
    /// Seconds a client may take to send a whole HTTP request (slowloris).
    public var requestTimeout = 10.0
    /// Seconds a connection may stay silent.
    public var idleTimeout = 60.0

    public init() {}
}
