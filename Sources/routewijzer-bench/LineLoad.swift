#if canImport(Glibc)
import Glibc
#endif

/// A load client for the line protocol: `connections` connections on one thread, each with one
/// JSON message in flight, cycling through a short conversation per session. Reports turns/s.
struct LineLoad {
    static let conversation = [
        "ik heb een vraag over zorg", "anders", "nee", "nee", "nee", "ik zorg voor iemand", "1", "ja", "stop",
    ]

    var host: String
    var port: UInt16
    var connections: Int
    var seconds: Double

    struct Report {
        var turns: Int
        var seconds: Double
        var errors: Int
        var turnsPerSecond: Double { Double(turns) / seconds }
    }

    func run() throws -> Report {
        var fds: [Int32] = []
        for _ in 0..<connections { fds.append(try connect()) }
        defer { fds.forEach { close($0) } }
        var step = [Int](repeating: 0, count: connections)
        var sessions = (0..<connections).map { "load-\($0)-0" }
        var pending = [[UInt8]](repeating: [], count: connections)
        var turns = 0, errors = 0
        for index in 0..<connections { send(fds[index], sessions[index], Self.conversation[0]) }
        var polls = fds.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let start = Self.now()
        while Self.now() - start < seconds {
            guard poll(&polls, nfds_t(polls.count), 100) > 0 else { continue }
            for index in polls.indices where polls[index].revents & Int16(POLLIN) != 0 {
                let count = buffer.withUnsafeMutableBytes { recv(fds[index], $0.baseAddress, $0.count, 0) }
                guard count > 0 else { return Report(turns: turns, seconds: Self.now() - start, errors: errors + 1) }
                pending[index] += buffer[0..<count]
                while let newline = pending[index].firstIndex(of: UInt8(ascii: "\n")) {
                    let line = pending[index][..<newline]
                    if line.starts(with: Array(#"{"error""#.utf8)) { errors += 1 }
                    pending[index].removeSubrange(...newline)
                    turns += 1
                    step[index] += 1
                    if step[index] % Self.conversation.count == 0 { sessions[index] = "load-\(index)-\(step[index])" }
                    send(fds[index], sessions[index], Self.conversation[step[index] % Self.conversation.count])
                }
            }
        }
        return Report(turns: turns, seconds: Self.now() - start, errors: errors)
    }

    private func connect() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr(host)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw BenchError("cannot connect to \(host):\(port)") }
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        return fd
    }

    private func send(_ fd: Int32, _ session: String, _ text: String) {
        let bytes = Array(#"{"session":"\#(session)","text":"\#(text)"}"#.utf8) + [UInt8(ascii: "\n")]
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
