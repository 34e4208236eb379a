import CSystem
import Synchronization
import Wire
#if canImport(Glibc)
import Glibc
#endif

/// An epoll loop on its own thread: accepts from the shared listeners, reads, answers, writes.
/// Turns run inline: they take tens of microseconds and never block.
final class EventLoop: @unchecked Sendable {
    // @unchecked: everything but `stopping` and the wake descriptor is touched only by the loop's thread.
    private let epoll: Int32
    private let wake: Int32
    private let listeners: [(fd: Int32, isHTTP: Bool)]
    private let application: Application
    private let limits: ServerLimits
    private let connectionCount: ConnectionCounter
    private let index: Int
    private var connections: [Int32: Connection] = [:]
    private var nextID = 0
    private let stopping = Atomic<Bool>(false)
    private var readBuffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// Connections with answers queued during this round of events, written after the round.
    private var answered: [Connection] = []

    private static let wakeToken: UInt64 = .max

    init(index: Int, listeners: [(fd: Int32, isHTTP: Bool)], application: Application, limits: ServerLimits,
         connectionCount: ConnectionCounter) throws(SocketError) {
        self.index = index
        self.listeners = listeners
        self.application = application
        self.limits = limits
        self.connectionCount = connectionCount
        epoll = rw_epoll_create()
        wake = rw_eventfd()
        guard epoll >= 0, wake >= 0 else { throw SocketError("epoll") }
        _ = rw_epoll_ctl(epoll, Epoll.add, wake, Epoll.input, Self.wakeToken)
        for (offset, listener) in listeners.enumerated() {
            // EPOLLEXCLUSIVE: one loop wakes per new connection, not all of them.
            _ = rw_epoll_ctl(epoll, Epoll.add, listener.fd, Epoll.input | Epoll.exclusive, UInt64.max - 1 - UInt64(offset))
        }
    }

    /// Asks the loop to finish: it stops accepting, writes what is queued and returns.
    func stop() {
        stopping.store(true, ordering: .releasing)
        _ = rw_eventfd_signal(wake)
    }

    func run(now: () -> Double) {
        var events = [rw_event](repeating: rw_event(), count: 256)
        var lastSweep = now()
        while !stopping.load(ordering: .acquiring) {
            let count = rw_epoll_wait(epoll, &events, 256, 250)
            let time = now()
            for event in events.prefix(Int(max(count, 0))) { handle(event, now: time) }
            writeAnswers()
            if time - lastSweep >= 0.25 {
                sweep(now: time)
                lastSweep = time
            }
        }
        drain(now: now)
    }

    private func handle(_ event: rw_event, now: Double) {
        if event.data == Self.wakeToken {
            _ = rw_eventfd_drain(wake)
            return
        }
        if event.data >= UInt64.max - 1 - UInt64(listeners.count) {
            accept(listeners[Int(UInt64.max - 1 - event.data)], now: now)
            return
        }
        guard let connection = connections[Int32(truncatingIfNeeded: event.data)] else { return }
        let readable: UInt32 = Epoll.input | Epoll.hangUp | Epoll.error
        if event.events & readable != 0 {
            read(connection, now: now)
        }
        if connections[connection.fd] != nil, event.events & Epoll.output != 0 { flush(connection) }
    }

    private func accept(_ listener: (fd: Int32, isHTTP: Bool), now: Double) {
        while true {
            let fd = rw_accept(listener.fd)
            guard fd >= 0 else { return }
            Socket.configureAccepted(fd)
            if connectionCount.open(isHTTP: listener.isHTTP) > limits.maximumConnections {
                connectionCount.close(isHTTP: listener.isHTTP)
                refuse(fd, isHTTP: listener.isHTTP)
                continue
            }
            nextID += 1
            let state: Connection.Framing = listener.isHTTP
                ? .http(HTTPRequestParser(limits: limits.http)) : .line(LineFramer(maximumLength: limits.maximumLineBytes))
            let connection = Connection(fd: fd, id: "\(index)-\(nextID)", protocolState: state, now: now)
            connections[fd] = connection
            // A connection the loop cannot watch would never be answered: close it at once.
            if rw_epoll_ctl(epoll, Epoll.add, fd, Epoll.input | Epoll.peerClosed, UInt64(UInt32(bitPattern: fd))) != 0 {
                closeConnection(connection)
            }
        }
    }

    /// Over the connection limit: a short answer, then close.
    private func refuse(_ fd: Int32, isHTTP: Bool) {
        let bytes = isHTTP
            ? CannedResponse.serviceUnavailable
            : Application.lineError("too_many_connections", "the server is at its connection limit; try again later")
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        close(fd)
        if isHTTP { application.metrics.request(status: 503) }
    }

    /// One read per readiness event. The answers are written after the whole round of events:
    /// writing wakes the client, and on a busy machine the woken client takes the core at once, so
    /// writing per request would trade the core back and forth once per request, with cold caches.
    /// Epoll is level-triggered, so bytes left in the socket are reported in the next round.
    private func read(_ connection: Connection, now: Double) {
        guard !connection.readingPaused else { return }
        while true {
            let received = readBuffer.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                connection.receive(readBuffer[0..<received], application: application, limits: limits, now: now)
                if connection.output.count > 0 { answered.append(connection) }
                if connection.isFull(limits) { pauseReading(connection) }
                return
            }
            if received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            if received < 0 && errno == EINTR { continue }
            if received == 0, connection.endOfInput(application: application, limits: limits, now: now) {
                // Half-closed with answers to write: stop reading (the end would be reported again)
                // and close once they are out.
                pauseReading(connection)
                answered.append(connection)
                return
            }
            return closeConnection(connection)
        }
    }

    /// Writes the answers of this round, to connections still open (a descriptor may have been
    /// closed and reused by a new connection within the round).
    private func writeAnswers() {
        for connection in answered where connections[connection.fd] === connection { flush(connection) }
        answered.removeAll(keepingCapacity: true)
    }

    /// Writes what it can; the rest waits for EPOLLOUT. A client that stops reading only delays itself.
    private func flush(_ connection: Connection) {
        while !connection.output.isEmpty {
            let sent = connection.output.withUnsafeBytes { send(connection.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                connection.output.removeFirst(sent)
            } else if sent < 0 && errno == EINTR {
                continue
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                if !connection.wantsWrite {
                    connection.wantsWrite = true
                    _ = rw_epoll_ctl(epoll, Epoll.modify, connection.fd, Epoll.input | Epoll.output, UInt64(UInt32(bitPattern: connection.fd)))
                }
                return
            } else {
                return closeConnection(connection)
            }
        }
        if connection.readingPaused {
            // The client read its answers: answer what it sent meanwhile, then read again.
            connection.answerWaiting(application: application, limits: limits, now: connection.lastActivity)
            if connection.isFull(limits) { return flush(connection) }
            resumeReading(connection)
            if !connection.output.isEmpty { return flush(connection) }
        }
        if connection.wantsWrite {
            connection.wantsWrite = false
            _ = rw_epoll_ctl(epoll, Epoll.modify, connection.fd, Epoll.input, UInt64(UInt32(bitPattern: connection.fd)))
        }
        if connection.closeAfterWrite { closeConnection(connection) }
    }

    /// Backpressure: stop reading from a client whose answers pile up unread; wait to write them.
    private func pauseReading(_ connection: Connection) {
        connection.readingPaused = true
        connection.wantsWrite = true
        _ = rw_epoll_ctl(epoll, Epoll.modify, connection.fd, Epoll.output, UInt64(UInt32(bitPattern: connection.fd)))
    }

    private func resumeReading(_ connection: Connection) {
        connection.readingPaused = false
        connection.wantsWrite = false
        _ = rw_epoll_ctl(epoll, Epoll.modify, connection.fd, Epoll.input, UInt64(UInt32(bitPattern: connection.fd)))
    }

    private func closeConnection(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.fd) != nil else { return }
        if !connection.isHTTP { application.connectionClosed(connection.id) }
        _ = rw_epoll_ctl(epoll, Epoll.delete, connection.fd, 0, 0)
        close(connection.fd)
        connectionCount.close(isHTTP: connection.isHTTP)
    }

    /// Timeouts: an HTTP request that takes too long gets 408; a silent connection is closed.
    private func sweep(now: Double) {
        for connection in Array(connections.values) {
            if let started = connection.requestStarted, now - started > limits.requestTimeout, !connection.closeAfterWrite {
                application.metrics.request(status: 408)
                connection.output += CannedResponse.requestTimeout
                connection.closeAfterWrite = true
                flush(connection)
            } else if now - connection.lastActivity > limits.idleTimeout {
                closeConnection(connection)
            }
        }
    }

    /// On stop: accept no one new (but those already waiting in the backlog), read, answer and write
    /// what clients already sent, until the
    /// connections have been quiet for `quietSeconds` with nothing left to write, or `drainSeconds`
    /// have passed; then close everything. A request sent just before SIGTERM gets its answer.
    private func drain(now: () -> Double) {
        // Connections the kernel already completed wait in the backlog: their clients have sent
        // their requests too. Take them in once, then take no more.
        for listener in listeners {
            accept(listener, now: now())
            _ = rw_epoll_ctl(epoll, Epoll.delete, listener.fd, 0, 0)
        }
        let deadline = now() + Self.drainSeconds
        var events = [rw_event](repeating: rw_event(), count: 256)
        var quietSince = now()
        while now() < deadline {
            let count = rw_epoll_wait(epoll, &events, 256, 20)
            let time = now()
            for event in events.prefix(Int(max(count, 0))) { handle(event, now: time) }
            writeAnswers()
            let pending = connections.values.contains { !$0.output.isEmpty }
            if count > 0 || pending { quietSince = time }
            if !pending && time - quietSince >= Self.quietSeconds { break }
        }
        for connection in Array(connections.values) { closeConnection(connection) }
        close(epoll)
        close(wake)
    }

    /// Within the 5 s a stopping server has (issue 14): answered requests first, then the exit.
    static let drainSeconds = 4.0
    static let quietSeconds = 0.2
}

/// Open connections across all loops, per listener kind: each has its own `maximumConnections`, so
/// idle line-protocol clients cannot take the places of HTTP requests (or `/healthz`), nor the reverse.
final class ConnectionCounter: Sendable {
    private let line = Atomic<Int>(0)
    private let http = Atomic<Int>(0)

    /// Counts one more connection of the kind; returns the new count.
    func open(isHTTP: Bool) -> Int {
        isHTTP ? http.add(1, ordering: .relaxed).newValue : line.add(1, ordering: .relaxed).newValue
    }

    func close(isHTTP: Bool) {
        if isHTTP { http.subtract(1, ordering: .relaxed) } else { line.subtract(1, ordering: .relaxed) }
    }
}

/// The epoll event bits, as Swift values.
enum Epoll {
    static let add = Int32(RW_EPOLL_ADD)
    static let delete = Int32(RW_EPOLL_DELETE)
    static let modify = Int32(RW_EPOLL_MODIFY)
    static let input = UInt32(RW_EPOLLIN)
    static let output = UInt32(RW_EPOLLOUT)
    static let error = UInt32(RW_EPOLLERR)
    static let hangUp = UInt32(RW_EPOLLHUP)
    static let peerClosed = UInt32(RW_EPOLLRDHUP)
    static let exclusive = UInt32(RW_EPOLLEXCLUSIVE)
}
