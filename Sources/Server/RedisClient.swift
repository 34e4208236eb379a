import Synchronization
import Wire
#if canImport(Glibc)
import Glibc
#endif

/// Where Redis (or Valkey) listens and how to log in: `redis://[user:password@]host:port[/db]` or
/// `unix:/path/redis.sock` (also `unix:/path?db=N`). `rediss://` (TLS) is not supported: run Redis on a
/// private network or behind a TLS tunnel.
public struct RedisURL: Equatable, Sendable, CustomStringConvertible {
    public enum Address: Equatable, Sendable {
        case tcp(host: String, port: UInt16)
        case unix(path: String)
    }

    public var address: Address
    public var user: String?
    public var password: String?
    public var database = 0

    /// Whether `--sessions` names Redis rather than a journal file.
    public static func names(_ text: String) -> Bool {
        text.hasPrefix("redis://") || text.hasPrefix("rediss://") || text.hasPrefix("unix:")
    }

    public init(_ text: String) throws(SocketError) {
        if text.hasPrefix("rediss://") {
            throw SocketError(message: "rediss:// (TLS) is not supported; reach Redis over a private network or a TLS tunnel")
        }
        if text.hasPrefix("unix:") {
            var path = Substring(text.dropFirst(5))
            if let query = path.firstIndex(of: "?") {
                guard path[query...].hasPrefix("?db="), let database = Int(path[path.index(query, offsetBy: 4)...]), database >= 0 else {
                    throw SocketError(message: "expected unix:/path or unix:/path?db=N, not '\(text)'")
                }
                self.database = database
                path = path[..<query]
            }
            guard !path.isEmpty, path.utf8.count < 100 else { throw SocketError(message: "unix socket path must be 1-99 bytes") }
            address = .unix(path: String(path))
            return
        }
        guard text.hasPrefix("redis://") else { throw SocketError(message: "expected redis://host:port or unix:/path, not '\(text)'") }
        var rest = Substring(text.dropFirst("redis://".count))
        if let at = rest.lastIndex(of: "@") {
            let credentials = rest[..<at]
            rest = rest[rest.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = credentials[..<colon].isEmpty ? nil : String(credentials[..<colon]).removingPercentEncoding
                password = String(credentials[credentials.index(after: colon)...]).removingPercentEncoding
            } else {
                password = String(credentials).removingPercentEncoding
            }
        }
        if let slash = rest.firstIndex(of: "/") {
            let number = rest[rest.index(after: slash)...]
            guard number.isEmpty || Int(number).map({ $0 >= 0 }) == true else { throw SocketError(message: "the database in '\(text)' must be a number") }
            database = Int(number) ?? 0
            rest = rest[..<slash]
        }
        let host: Substring, port: UInt16
        if let colon = rest.lastIndex(of: ":") {
            guard let number = UInt16(rest[rest.index(after: colon)...]) else { throw SocketError(message: "invalid port in '\(text)'") }
            (host, port) = (rest[..<colon], number)
        } else {
            (host, port) = (rest, 6379)
        }
        guard !host.isEmpty else { throw SocketError(message: "no host in '\(text)'") }
        address = .tcp(host: String(host), port: port)
    }

    /// The address without the password, for logs.
    public var description: String {
        switch address {
        case .tcp(let host, let port): "redis://\(host):\(port)/\(database)"
        case .unix(let path): "unix:\(path)?db=\(database)"
        }
    }
}

/// Why a call to Redis failed: it cannot be reached, it took too long, or it answered with an error.
public struct RedisError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
}

/// One connection to Redis: blocking calls with a deadline on every read and write, on a socket of
/// its own. Used by one thread at a time (the client's pool hands it out).
final class RedisConnection {
    private let fd: Int32
    private var parser = RESPParser()
    private let timeout: Double

    /// Connects, then logs in and selects the database.
    init(_ url: RedisURL, timeout: Double) throws(RedisError) {
        self.timeout = timeout
        fd = try Self.connect(url.address, timeout: timeout)
        var handshake: [[UInt8]] = []
        if let password = url.password {
            let arguments = url.user.map { ["AUTH", $0, password] } ?? ["AUTH", password]
            handshake.append(RESP.command(arguments.map { Array($0.utf8) }))
        }
        if url.database != 0 { handshake.append(RESP.command("SELECT", String(url.database))) }
        guard !handshake.isEmpty else { return }
        // A failure here closes the socket in deinit, as for any connection.
        for reply in try call(handshake) {
            if case .error(let message) = reply { throw RedisError(description: "login refused: \(message)") }
        }
    }

    deinit { close(fd) }

    /// Sends `commands` in one write (pipelined) and reads one reply for each, in order.
    func call(_ commands: [[UInt8]]) throws(RedisError) -> [RESPValue] {
        let deadline = Server.monotonicSeconds() + timeout
        try write(commands.flatMap { $0 }, deadline: deadline)
        var replies: [RESPValue] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while replies.count < commands.count {
            do throws(RESPParser.Failure) {
                while replies.count < commands.count, let reply = try parser.next() { replies.append(reply) }
            } catch {
                throw RedisError(description: "unreadable reply: \(error.message)")
            }
            if replies.count == commands.count { break }
            try wait(for: Int16(POLLIN), deadline: deadline)
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            guard count > 0 else { throw RedisError(description: count == 0 ? "connection closed by Redis" : Self.reason("read")) }
            parser.append(buffer[0..<count])
        }
        return replies
    }

    private func write(_ bytes: [UInt8], deadline: Double) throws(RedisError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if written > 0 {
                offset += written
            } else if written < 0 && (errno == EAGAIN || errno == EINTR) {
                try wait(for: Int16(POLLOUT), deadline: deadline)
            } else {
                throw RedisError(description: Self.reason("write"))
            }
        }
    }

    /// Waits until the socket is ready for `events`, or throws when the deadline passes first.
    private func wait(for events: Int16, deadline: Double) throws(RedisError) {
        while true {
            let left = deadline - Server.monotonicSeconds()
            guard left > 0 else { throw RedisError(description: "no answer within \(timeout) s") }
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, Int32(max(1, (left * 1000).rounded(.up))))
            if ready > 0 { return }
            if ready < 0 && errno != EINTR { throw RedisError(description: Self.reason("poll")) }
        }
    }

    /// A non-blocking socket connected within `timeout`.
    private static func connect(_ address: RedisURL.Address, timeout: Double) throws(RedisError) -> Int32 {
        switch address {
        case .unix(let path):
            var socketAddress = sockaddr_un()
            socketAddress.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &socketAddress.sun_path) { buffer in
                for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
            }
            return try connect(domain: AF_UNIX, to: &socketAddress, timeout: timeout, name: path)
        case .tcp(let host, let port):
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = port.bigEndian
            socketAddress.sin_addr = try resolve(host)
            return try connect(domain: AF_INET, to: &socketAddress, timeout: timeout, name: "\(host):\(port)")
        }
    }

    private static func connect<Address>(domain: Int32, to address: inout Address, timeout: Double, name: String) throws(RedisError) -> Int32 {
        let fd = socket(domain, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw RedisError(description: reason("socket")) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<Address>.size)) }
        }
        if result != 0 {
            guard errno == EINPROGRESS else {
                let error = RedisError(description: reason("connect to \(name)"))
                close(fd)
                throw error
            }
            var descriptor = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard poll(&descriptor, 1, Int32((timeout * 1000).rounded(.up))) == 1,
                  getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) == 0, failure == 0 else {
                close(fd)
                throw RedisError(description: "cannot connect to \(name)" + (failure != 0 ? ": \(String(cString: strerror(failure)))" : " within \(timeout) s"))
            }
        }
        if domain == AF_INET {
            var one: Int32 = 1
            setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        return fd
    }

    /// The IPv4 address of `host` ("localhost", "10.0.0.5", "redis").
    private static func resolve(_ host: String) throws(RedisError) -> in_addr {
        var address = in_addr()
        if inet_pton(AF_INET, host == "localhost" ? "127.0.0.1" : host, &address) == 1 { return address }
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, nil, &hints, &list) == 0, let first = list, let found = first.pointee.ai_addr else {
            throw RedisError(description: "cannot resolve '\(host)'")
        }
        defer { freeaddrinfo(list) }
        return found.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
    }

    private static func reason(_ what: String) -> String {
        "\(what): \(String(cString: strerror(errno)))"
    }
}

/// Redis for every thread of the server: a bounded pool of connections, a deadline on every call,
/// and backoff after a failure, so that while Redis is away each request fails at once instead of
/// waiting out a connect timeout, and the first call after the backoff tries again.
public final class RedisClient: Sendable {
    public let url: RedisURL
    /// Seconds for a connect and for each call.
    public let timeout: Double
    /// Connections at most, busy and idle together.
    public let maximumConnections: Int

    /// Idle connections, and how many exist in all.
    private let pool = Mutex<(idle: [RedisConnectionBox], open: Int)>(([], 0))
    /// After a failure, no new connection is tried before `retryAt`; the wait doubles up to 5 s.
    private let backoff = Mutex<(retryAt: Double, delay: Double)>((0, 0))
    static let firstDelay = 0.05, longestDelay = 5.0

    public init(_ url: RedisURL, timeout: Double = 1, maximumConnections: Int = 8) {
        self.url = url
        self.timeout = timeout
        self.maximumConnections = maximumConnections
    }

    /// Runs `commands` pipelined on one connection and returns their replies in order. A connection
    /// that failed is closed, never reused.
    public func call(_ commands: [[UInt8]]) throws(RedisError) -> [RESPValue] {
        let (box, reused) = try checkOut()
        do {
            let replies = try box.connection.call(commands)
            pool.withLock { $0.idle.append(box) }
            return replies
        } catch {
            pool.withLock { $0.open -= 1 }
            // An idle connection may have died with a restarted Redis: one more try on a fresh one.
            // Only reads and version-checked writes go through here, so a repeat is harmless.
            if reused { return try call(commands) }
            failed()
            throw error
        }
    }

    public func call(_ arguments: [String]) throws(RedisError) -> RESPValue {
        try call([RESP.command(arguments.map { Array($0.utf8) })])[0]
    }

    /// An idle connection (reused: true), or a new one when the pool may grow.
    private func checkOut() throws(RedisError) -> (RedisConnectionBox, reused: Bool) {
        let taken: RedisConnectionBox?? = pool.withLock { pool in
            if let idle = pool.idle.popLast() { return .some(idle) }
            guard pool.open < maximumConnections else { return .none }
            pool.open += 1
            return .some(nil)
        }
        guard let slot = taken else { throw RedisError(description: "all \(maximumConnections) connections to Redis are busy") }
        if let box = slot { return (box, true) }
        let now = Server.monotonicSeconds()
        let retryAt = backoff.withLock { $0.retryAt }
        guard now >= retryAt else {
            pool.withLock { $0.open -= 1 }
            throw RedisError(description: "Redis was unreachable; trying again in \(Int(((retryAt - now) * 1000).rounded(.up))) ms")
        }
        do {
            let box = RedisConnectionBox(try RedisConnection(url, timeout: timeout))
            backoff.withLock { $0 = (0, 0) }
            return (box, false)
        } catch {
            pool.withLock { $0.open -= 1 }
            failed()
            throw error
        }
    }

    private func failed() {
        let now = Server.monotonicSeconds()
        backoff.withLock { state in
            state.delay = state.delay == 0 ? Self.firstDelay : min(state.delay * 2, Self.longestDelay)
            state.retryAt = now + state.delay
        }
    }

    /// Open connections, busy and idle (for tests and metrics).
    public var openConnections: Int { pool.withLock { $0.open } }
}

/// A connection in the pool: only one thread holds it at a time, which the pool's lock guarantees.
final class RedisConnectionBox: @unchecked Sendable {
    let connection: RedisConnection
    init(_ connection: RedisConnection) { self.connection = connection }
}
