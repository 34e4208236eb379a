import CSystem
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The TCP line server and the HTTP server: listeners shared by one event loop per core.
public final class Server: @unchecked Sendable {
    // @unchecked: `loops` and the descriptors are set in init and only read afterwards.
    public struct Configuration: Sendable {
        public var line: ListenAddress?
        public var http: ListenAddress?
        public var limits = ServerLimits()
        /// Event loops (threads); default one per core.
        public var loops = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

        public init(line: ListenAddress? = nil, http: ListenAddress? = nil) {
            self.line = line
            self.http = http
        }
    }

    public let linePort: UInt16?
    public let httpPort: UInt16?
    private let listeners: [(fd: Int32, isHTTP: Bool)]
    private let loops: [EventLoop]
    private let unixPaths: [String]
    private let stopped = Atomic<Bool>(false)
    private let maintenance: (@Sendable () -> Void)?
    private let maintenanceInterval: Double

    /// `maintenance` runs every `maintenanceInterval` seconds on its own thread, and once more after
    /// the loops stop (session expiry, journal sync and compaction).
    public init(_ configuration: Configuration, application: Application, maintenanceInterval: Double = SessionJournal.defaultSyncInterval,
                maintenance: (@Sendable () -> Void)? = nil) throws(SocketError) {
        self.maintenance = maintenance
        self.maintenanceInterval = maintenanceInterval
        var listeners: [(fd: Int32, isHTTP: Bool)] = []
        var paths: [String] = []
        var linePort: UInt16?, httpPort: UInt16?
        do {
            if let line = configuration.line {
                let (fd, port) = try Socket.listen(line)
                listeners.append((fd, false))
                linePort = port
                if case .unix(let path) = line { paths.append(path) }
            }
            if let http = configuration.http {
                let (fd, port) = try Socket.listen(http)
                listeners.append((fd, true))
                httpPort = port
                if case .unix(let path) = http { paths.append(path) }
            }
            let counter = ConnectionCounter()
            loops = try (0..<configuration.loops).map { index throws(SocketError) in
                try EventLoop(index: index, listeners: listeners, application: application, limits: configuration.limits, connectionCount: counter)
            }
        } catch {
            for listener in listeners { close(listener.fd) }
            throw error
        }
        self.listeners = listeners
        self.linePort = linePort
        self.httpPort = httpPort
        self.unixPaths = paths
    }

    /// Runs every loop on its own thread and returns when all have stopped.
    public func run() {
        let threads = loops.map { loop in Thread.start { loop.run(now: Server.monotonicSeconds) } }
        let upkeep = maintenance.map { work in
            Thread.start { [self] in
                while !stopped.load(ordering: .acquiring) {
                    usleep(UInt32(maintenanceInterval * 1_000_000))
                    work()
                }
            }
        }
        for thread in threads { thread.join() }
        stopped.store(true, ordering: .releasing)
        upkeep?.join()
        maintenance?()
        for listener in listeners { close(listener.fd) }
        for path in unixPaths { unlink(path) }
    }

    /// Stops accepting; loops finish writing what is queued and return from `run`.
    public func stop() {
        for loop in loops { loop.stop() }
    }

    /// Returns the heap memory freed after loading content to the system. Building the index and the
    /// classifiers peaks at about twice what stays in use, and glibc keeps a peak unless asked.
    public static func releaseFreeMemory() {
        _ = rw_release_free_memory()
    }

    /// Seconds on the monotonic clock, for timeouts and latencies.
    @Sendable public static func monotonicSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// A dedicated POSIX thread: event loops block in epoll_wait and must not sit on Swift's
/// cooperative pool.
final class Thread: @unchecked Sendable {
    private var handle = pthread_t()

    private final class Box {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func start(_ body: @escaping @Sendable () -> Void) -> Thread {
        let thread = Thread()
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        pthread_create(&thread.handle, nil, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        return thread
    }

    func join() {
        pthread_join(handle, nil)
    }
}
