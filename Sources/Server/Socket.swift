import CSystem
#if canImport(Glibc)
import Glibc
#endif

/// Why a socket could not be set up.
public struct SocketError: Error, CustomStringConvertible, Sendable {
    public var description: String

    init(_ what: String) {
        description = "\(what): \(String(cString: strerror(errno)))"
    }

    init(message: String) {
        description = message
    }
}

/// Where to listen: `HOST:PORT` (IPv4; `localhost` is 127.0.0.1) or `unix:PATH`.
public enum ListenAddress: Equatable, Sendable, CustomStringConvertible {
    case tcp(host: String, port: UInt16)
    case unix(path: String)

    public init(_ text: String) throws(SocketError) {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            guard !path.isEmpty, path.utf8.count < 100 else { throw SocketError(message: "unix socket path must be 1-99 bytes") }
            self = .unix(path: path)
            return
        }
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            throw SocketError(message: "expected HOST:PORT or unix:PATH, not '\(text)'")
        }
        let host = String(text[..<colon])
        self = .tcp(host: host == "localhost" || host.isEmpty ? "127.0.0.1" : host, port: port)
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): "\(host):\(port)"
        case .unix(let path): "unix:\(path)"
        }
    }
}

/// Creating, configuring and closing descriptors.
enum Socket {
    /// A non-blocking listening socket, and the port it got (for port 0).
    static func listen(_ address: ListenAddress, backlog: Int32 = 1024) throws(SocketError) -> (fd: Int32, port: UInt16) {
        switch address {
        case .tcp(let host, let port):
            let fd = try streamSocket(AF_INET)
            var one: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
                close(fd)
                throw SocketError(message: "'\(host)' is not an IPv4 address")
            }
            try bindAndListen(fd, to: &address, backlog: backlog, name: "\(host):\(port)")
            var actual = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &actual) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            return (fd, UInt16(bigEndian: actual.sin_port))
        case .unix(let path):
            let fd = try streamSocket(AF_UNIX)
            // A socket left by an earlier run is replaced; any other file at the path is never removed.
            var existing = stat()
            if lstat(path, &existing) == 0 && existing.st_mode & S_IFMT == S_IFSOCK { unlink(path) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { buffer in
                for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
            }
            try bindAndListen(fd, to: &address, backlog: backlog, name: path)
            return (fd, 0)
        }
    }

    /// A non-blocking stream socket of `domain`, closed on exec.
    private static func streamSocket(_ domain: Int32) throws(SocketError) -> Int32 {
        let fd = socket(domain, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SocketError("socket") }
        return fd
    }

    /// Binds `fd` to `address` (a `sockaddr_in` or `sockaddr_un`) and listens; on failure `fd` is closed.
    private static func bindAndListen<Address>(_ fd: Int32, to address: inout Address, backlog: Int32, name: String) throws(SocketError) {
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<Address>.size)) }
        }
        guard bound == 0, Glibc.listen(fd, backlog) == 0 else {
            let error = SocketError("bind \(name)")
            close(fd)
            throw error
        }
    }

    /// Small replies must leave at once: no Nagle delay.
    static func configureAccepted(_ fd: Int32) {
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }
}
