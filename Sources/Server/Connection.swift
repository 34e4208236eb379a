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
    /// Lines received but not answered yet: answering waits while `output` is over its limit.
    private var waitingLines: [LineFramer.Event] = []
    /// The event loop stopped reading from this connection until its output drains (backpressure).
    var readingPaused = false

    init(fd: Int32, id: String, protocolState: Framing, now: Double) {
        self.fd = fd
        self.id = id
        self.protocolState = protocolState
        self.lastActivity = now
    }

    var isHTTP: Bool {
        if case .http = protocolState { return true }
        return false
    }

    /// Whether the answers waiting to be written have reached their limit: then no more requests are
    /// answered and no more bytes are read until the client reads (as nginx does), so a client that
    /// pipelines and never reads holds at most this much memory.
    func isFull(_ limits: ServerLimits) -> Bool { output.count >= limits.maximumOutputBytes }

    /// Feeds received bytes to the protocol and queues the answers, until the output is full.
    func receive(_ bytes: ArraySlice<UInt8>, application: Application, limits: ServerLimits, now: Double) {
        lastActivity = now
        protocolState.update(
            line: { framer in waitingLines += framer.feed(bytes) },
            http: { parser in
                parser.append(bytes)
                if requestStarted == nil { requestStarted = now }
            })
        answerWaiting(application: application, limits: limits, now: now)
    }

    /// The client closed its side (half-close). A last line without a newline is still a line: it is
    /// answered, and the connection closes once the answers are written. Returns whether there is
    /// anything left to write.
    func endOfInput(application: Application, limits: ServerLimits, now: Double) -> Bool {
        guard !closeAfterWrite else { return !output.isEmpty }
        closeAfterWrite = true
        protocolState.update(line: { framer in waitingLines += framer.feed([UInt8(ascii: "\n")]) }, http: { _ in })
        answerWaiting(application: application, limits: limits, now: now)
        return !output.isEmpty || !waitingLines.isEmpty
    }

    /// Answers what was received and not yet answered, in order, while the output has room.
    func answerWaiting(application: Application, limits: ServerLimits, now: Double) {
        protocolState.update(
            line: { _ in
                var answered = 0
                while answered < waitingLines.count && !isFull(limits) {
                    switch waitingLines[answered] {
                    case .line(let line): output += application.answerLine(line, connection: id)
                    case .tooLong: output += Application.lineTooLong(limits.maximumLineBytes)
                    }
                    answered += 1
                }
                waitingLines.removeFirst(answered)
            },
            http: { parser in answer(&parser, application: application, limits: limits, now: now) })
    }

    /// Answers every complete request in `parser`, in order, until one closes the connection or the
    /// output is full.
    private func answer(_ parser: inout HTTPRequestParser, application: Application, limits: ServerLimits, now: Double) {
        while !closeAfterWrite && !isFull(limits) {
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
            case .failure(let error):
                application.metrics.request(status: error.status)
                output += HTTPResponse.error(error).serialized(keepAlive: false)
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
    /// Answers a connection may have waiting to be written before the server stops reading from it.
    public var maximumOutputBytes = 1024 * 1024

    public init() {}
}
