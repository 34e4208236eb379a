import Dialogue
import Dispatch
import Retrieval
import Server
import Wire
#if canImport(Glibc)
import Glibc
#endif

/// `routewijzer serve`: the TCP line protocol and the HTTP webhook, until SIGTERM or SIGINT.
enum ServeCommand {
    static let spec = CommandSpec(
        name: "serve", synopsis: "serve", summary: "Serve the line protocol and the HTTP webhook (docs/PROTOCOL.md, docs/openapi.yaml).",
        options: [
            Option("--line", "HOST:PORT|unix:PATH", "Line protocol address (default 127.0.0.1:7070 when neither is given)."),
            Option("--http", "HOST:PORT|unix:PATH", "HTTP webhook address (default 127.0.0.1:8080 when neither is given)."),
            Option("--token", "T1,T2", """
                Bearer tokens (comma-separated or repeated); each token's sessions are its own, also
                across restarts. Without: no authentication. An empty token is a usage error.
                """),
            Option("--max-line-bytes", "N", "Longest line (default 8192)."),
            Option("--max-body-bytes", "N", "Largest body (default 65536)."),
            Option("--max-header-bytes", "N", "Largest head (default 16384)."),
            Option("--max-connections", "N", "Open connections per listener (default 1024)."),
            Option("--max-sessions", "N", "Sessions in memory (default 10000)."),
            Option("--session-ttl", "S", "Idle seconds before a session expires (default 1800)."),
            Option("--max-output-bytes", "N", "Unread answers per connection before the server stops reading it (default 1048576)."),
            Option("--cors-origin", "O", "A web origin that may call the webhook from a browser (repeat or comma-separate; * for any)."),
            Option("--request-timeout", "S", "Seconds to send a whole request (default 10)."),
            Option("--idle-timeout", "S", "Seconds a connection may stay silent (default 60)."),
            Option("--loops", "N", "Event-loop threads (default: one per core)."),
            Option("--log-level", "L", "debug|info|warn|error (default info)."),
            Option("--log-messages", nil, "Also log each turn with its message text (off by default: no text in logs)."),
            Option("--sessions", "FILE|redis://…", """
                Keep sessions in an append-only journal: each change is written before the
                answer, fsync every 50 ms, compaction rewrites live sessions; recovery skips damage.
                Or share them between instances in Redis/Valkey: redis://[user:password@]host:port[/db]
                or unix:/path/redis.sock[?db=N] (no rediss://). See docs/DEPLOY.md.
                """),
            Option("--redis-prefix", "P", "Prefix of the session keys in Redis (default routewijzer:)."),
            Option("--redis-timeout", "MS", "Milliseconds for a connect or a call to Redis (default 1000)."),
            Option("--redis-connections", "N", "Connections to Redis at most (default: loops + 2)."),
            Option.gemeente,
            Option("--public-page", nil, """
                With --token: let the chat page at / talk to the server without a token (its
                sessions stay apart). Without --token the page always works. See docs/DEPLOY.md.
                """),
            Option("--frame-ancestors", "ORIGINS", "Sites that may show the page in a frame, e.g. https://www.tilburg.nl (default: none)."),
        ] + Option.content,
        notes: [
            "Every option can also be set as ROUTEWIJZER_<NAME>, e.g. ROUTEWIJZER_HTTP=0.0.0.0:8080.",
            "SIGTERM/SIGINT stop gracefully: no new connections, every request already sent is answered, exit within 5 s.",
            "SIGHUP reloads Knowledge and Dialogs (kept when invalid).",
        ])

    static func run(_ arguments: Arguments) throws(CLIError) {
        guard arguments.positional.isEmpty else { throw .usage("serve takes options only; see routewijzer --help") }
        let option = { (name: String) -> String? in arguments.value(name) ?? environment(name) }
        let log = Logger(level: try Logger.Level(option("--log-level")))
        var configuration = Server.Configuration()
        do throws(SocketError) {
            configuration.line = try option("--line").map(ListenAddress.init)
            configuration.http = try option("--http").map(ListenAddress.init)
        } catch {
            throw .usage(error.description)
        }
        if configuration.line == nil && configuration.http == nil {
            configuration.line = .tcp(host: "127.0.0.1", port: 7070)
            configuration.http = .tcp(host: "127.0.0.1", port: 8080)
        }
        configuration.limits.maximumLineBytes = try integer(option, "--max-line-bytes") ?? configuration.limits.maximumLineBytes
        configuration.limits.http.maximumBodyBytes = try integer(option, "--max-body-bytes") ?? configuration.limits.http.maximumBodyBytes
        configuration.limits.http.maximumHeaderBytes = try integer(option, "--max-header-bytes") ?? configuration.limits.http.maximumHeaderBytes
        configuration.limits.maximumConnections = try integer(option, "--max-connections") ?? configuration.limits.maximumConnections
        configuration.limits.maximumOutputBytes = try integer(option, "--max-output-bytes") ?? configuration.limits.maximumOutputBytes
        configuration.limits.requestTimeout = Double(try integer(option, "--request-timeout") ?? Int(configuration.limits.requestTimeout))
        configuration.limits.idleTimeout = Double(try integer(option, "--idle-timeout") ?? Int(configuration.limits.idleTimeout))
        configuration.loops = try integer(option, "--loops") ?? configuration.loops
        var sessionLimits = SessionStore.Limits()
        sessionLimits.maximumCount = try integer(option, "--max-sessions") ?? sessionLimits.maximumCount
        sessionLimits.idleSeconds = Int64(try integer(option, "--session-ttl") ?? Int(sessionLimits.idleSeconds))
        let tokens = try self.tokens(arguments.values("--token").isEmpty ? environment("--token").map { [$0] } ?? [] : arguments.values("--token"))

        let content = try LoadedContent(arguments)
        let gemeente = try content.knowledge.gemeente(arguments)
        Server.releaseFreeMemory()
        var journal: SessionJournal?
        var shared: RedisSessionStore?
        if let target = option("--sessions") {
            if RedisURL.names(target) {
                shared = try redisStore(target, option: option, limits: sessionLimits, loops: configuration.loops, log: log)
            } else {
                do { journal = try SessionJournal(path: target) } catch { throw .failure(error.description) }
            }
        }
        let store = SessionStore(limits: sessionLimits, journal: journal, now: Clock.now)
        let logMessages = arguments.has("--log-messages") || environment("--log-messages") == "1"
        var messageLog: (@Sendable (String, String, Turn) -> Void)?
        if logMessages {
            messageLog = { @Sendable key, text, turn in log.turn(key, text, turn) }
        }
        let application = Application(engine: content.engine, store: store, shared: shared, tokens: tokens, openAPI: openAPIDocument(),
                                      clock: { Clock.now }, monotonic: Server.monotonicSeconds, messageLog: messageLog,
                                      storageErrorLog: { reason in log.error("session store failed", [("reason", .string(reason))]) },
                                      corsOrigins: (arguments.values("--cors-origin").isEmpty ? environment("--cors-origin").map { [$0] } ?? [] : arguments.values("--cors-origin"))
                                          .flatMap { $0.split(separator: ",").map { $0.trimmed() } }.filter { !$0.isEmpty },
                                      gemeente: gemeente, publicPage: arguments.has("--public-page") || environment("--public-page") == "1",
                                      frameAncestors: try frameAncestors(arguments.values("--frame-ancestors").isEmpty
                                          ? environment("--frame-ancestors").map { [$0] } ?? [] : arguments.values("--frame-ancestors")))
        let server: Server
        do {
            server = try Server(configuration, application: application) {
                if !store.maintain(now: Clock.now) {
                    log.error("journal sync failed; retrying", [("reason", .string(store.journal?.lastWriteError ?? "unknown"))])
                }
            }
        } catch {
            throw .failure(error.description)
        }
        let signals = installSignals(server: server, application: application, arguments: arguments, log: log)
        log.info("listening", [
            ("line", configuration.line.map { .string($0.description) } ?? .null), ("line_port", server.linePort.map { .number(Double($0)) } ?? .null),
            ("http", configuration.http.map { .string($0.description) } ?? .null), ("http_port", server.httpPort.map { .number(Double($0)) } ?? .null),
            ("loops", .number(Double(configuration.loops))), ("authentication", .bool(!tokens.isEmpty)),
            ("sessions_recovered", .number(Double(store.count))), ("journal", journal == nil ? .null : option("--sessions").map(JSONValue.string) ?? .null),
            ("redis", shared.map { .string($0.client.url.description) } ?? .null),
        ])
        if let report = journal?.lastRecovery, !report.isClean {
            // Never in silence: damage skipped (an error), a torn tail cut or an old format rewritten.
            (report.skippedBytes > 0 ? log.error : log.info)("journal recovery", [
                ("skipped_bytes", .number(Double(report.skippedBytes))), ("skipped_stretches", .number(Double(report.skippedStretches))),
                ("cut_bytes", .number(Double(report.cutBytes))), ("upgraded", .bool(report.upgraded)),
            ])
        }
        server.run()
        withExtendedLifetime(signals) {}
        log.info("stopped", [("sessions", .number(Double(application.store.count)))])
    }

    /// The Redis store of `--sessions redis://…`, with `--redis-prefix`, `--redis-timeout` and
    /// `--redis-connections`. An unreachable Redis at start is logged, not fatal: the instance answers
    /// 503 until Redis is there, as it does when Redis goes away later.
    static func redisStore(_ target: String, option: (String) -> String?, limits: SessionStore.Limits, loops: Int,
                           log: Logger) throws(CLIError) -> RedisSessionStore {
        let url: RedisURL
        do { url = try RedisURL(target) } catch { throw .usage(error.description) }
        let milliseconds = try integer(option, "--redis-timeout") ?? 1000
        let connections = try integer(option, "--redis-connections") ?? (loops + 2)
        let client = RedisClient(url, timeout: Double(milliseconds) / 1000, maximumConnections: connections)
        let store = RedisSessionStore(client: client, prefix: option("--redis-prefix") ?? "routewijzer:", idleSeconds: limits.idleSeconds,
                                      recentLimit: limits.maximumCount)
        do throws(RedisError) {
            _ = try client.call(["PING"])
        } catch {
            log.error("redis unreachable at start; answering 503 until it is back", [("redis", .string(url.description)), ("reason", .string(error.description))])
        }
        return store
    }

    /// The origins of `--frame-ancestors` (comma- or space-separated, repeatable): `'self'` or an
    /// http(s) origin, so nothing else can reach the Content-Security-Policy header.
    static func frameAncestors(_ values: [String]) throws(CLIError) -> [String] {
        let origins = values.flatMap { $0.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) }
        for origin in origins {
            let host = origin.drop { $0 != "/" }.dropFirst(2)
            guard origin == "'self'" || ((origin.hasPrefix("https://") || origin.hasPrefix("http://")) && !host.isEmpty
                    && host.allSatisfy({ $0.isLetter || $0.isNumber || ".-:*".contains($0) })) else {
                throw .usage("--frame-ancestors takes origins such as https://www.gemeente.nl or 'self', not '\(origin)'")
            }
        }
        return origins
    }

    /// `--max-line-bytes` is also `ROUTEWIJZER_MAX_LINE_BYTES`.
    static func environment(_ option: String) -> String? {
        let name = "ROUTEWIJZER_" + option.dropFirst(2).uppercased().replacing("-", with: "_")
        return getenv(name).map { String(cString: $0) }
    }

    /// The bearer tokens of every `--token` (each a comma-separated list; repeated options add up).
    /// An empty token is a usage error, never "no authentication": a misconfigured deployment fails
    /// closed, not open.
    static func tokens(_ values: [String]) throws(CLIError) -> [String] {
        var tokens: [String] = []
        for value in values {
            for token in value.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmed() }) {
                guard !token.isEmpty else { throw .usage("--token (or ROUTEWIJZER_TOKEN) has an empty token; leave the option out to serve without authentication") }
                guard !token.contains(where: { $0 == " " || $0.isNewline }) else { throw .usage("a --token may not contain spaces") }
                if !tokens.contains(token) { tokens.append(token) }
            }
        }
        return tokens
    }

    static func integer(_ option: (String) -> String?, _ name: String) throws(CLIError) -> Int? {
        guard let text = option(name) else { return nil }
        guard let value = Int(text), value > 0 else { throw .usage("\(name) needs a positive whole number, not '\(text)'") }
        return value
    }

    /// SIGTERM and SIGINT stop the server gracefully; SIGHUP reloads Knowledge and Dialogs and keeps
    /// the old content when the new one does not validate.
    static func installSignals(server: Server, application: Application, arguments: Arguments, log: Logger) -> [DispatchSourceSignal] {
        signal(SIGPIPE, SIG_IGN)
        // A file size limit (ulimit -f) must fail the write, which answers 503, not kill the server.
        signal(SIGXFSZ, SIG_IGN)
        let queue = DispatchQueue(label: "routewijzer.signals")
        return [SIGTERM, SIGINT, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if number == SIGHUP {
                    do throws(CLIError) {
                        application.replace(try LoadedContent(arguments).engine)
                        Server.releaseFreeMemory()
                        log.info("reloaded", [])
                    } catch {
                        log.error("reload failed; still serving the previous content", [("reason", .string(error.message))])
                    }
                } else {
                    log.info("stopping", [("signal", .number(Double(number)))])
                    server.stop()
                }
            }
            source.resume()
            return source
        }
    }

    /// docs/openapi.yaml, found like the content directories; empty when it is not installed.
    static func openAPIDocument() -> String {
        guard let directory = try? KnowledgeLoader.locate("docs", explicit: nil, executablePath: Console.executablePath),
              let text = try? InputLines.read(directory + "/openapi.yaml") else { return "" }
        return text
    }
}

/// One JSON object per line on standard error; message text never appears here.
struct Logger: Sendable {
    enum Level: Int, Sendable {
        case debug, info, warn, error

        init(_ text: String?) throws(CLIError) {
            switch text ?? "info" {
            case "debug": self = .debug
            case "info": self = .info
            case "warn": self = .warn
            case "error": self = .error
            default: throw .usage("--log-level must be debug, info, warn or error")
            }
        }
    }

    let level: Level

    func info(_ event: String, _ fields: [(String, JSONValue)]) { write(.info, event, fields) }

    /// A turn with its text: only with `--log-messages`.
    func turn(_ session: String, _ text: String, _ turn: Turn) {
        let routes: [JSONValue] = turn.routes.map { .string($0) }
        let flow: JSONValue = turn.flow.map { .string($0) } ?? .null
        let step: JSONValue = turn.step.map { .string($0) } ?? .null
        write(.info, "turn", [("session", .string(session)), ("text", .string(text)), ("routes", .array(routes)), ("flow", flow), ("step", step)])
    }
    func error(_ event: String, _ fields: [(String, JSONValue)]) { write(.error, event, fields) }

    private func write(_ level: Level, _ event: String, _ fields: [(String, JSONValue)]) {
        guard level.rawValue >= self.level.rawValue else { return }
        let name = ["debug", "info", "warn", "error"][level.rawValue]
        Console.error(JSONValue.object([("time", .number(Double(Clock.now))), ("level", .string(name)), ("event", .string(event))] + fields).serialized)
    }
}
