import Dialogue
import Server
import Wire

/// The server's work per request without sockets, on one thread: the bytes wrk sends to
/// `POST /v1/messages` (the conversation of `Benchmarks/wrk-messages.lua` over 1000 sessions) are
/// parsed, answered by a real dialogue turn and serialized. Baseline in the same run: the same path
/// answering `GET /healthz`, which does no turn. The gap between them is what a turn costs a server.
struct RequestPathBenchmark {
    var requests: Int
    var turnMicroseconds: Double
    var healthMicroseconds: Double
    var engineMicroseconds: Double

    static func run(engine: Engine, rounds: Int) -> RequestPathBenchmark {
        let application = Application(engine: engine, store: SessionStore(), clock: { 1_795_392_000 }, monotonic: { 0 })
        let sessions = 1000
        var requests: [[UInt8]] = []
        for round in 0..<LineLoad.conversation.count {
            for session in 0..<sessions {
                let body = #"{"session":"w\#(session)","text":"\#(LineLoad.conversation[round])"}"#
                requests.append(Array("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1:18081\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8))
            }
        }
        let health = Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:18081\r\n\r\n".utf8)
        func serve(_ bytes: [UInt8]) -> Int {
            var parser = HTTPRequestParser()
            parser.append(bytes)
            guard case .request(let request) = parser.next() else { return 0 }
            return application.respond(to: request).serialized(keepAlive: request.keepAlive).count
        }
        var sink = 0
        let turns = Measurement.seconds(repeats: 3) {
            for _ in 0..<rounds { for request in requests { sink &+= serve(request) } }
        }
        let healthChecks = Measurement.seconds(repeats: 3) {
            for _ in 0..<(rounds * requests.count) { sink &+= serve(health) }
        }
        // The engine alone, over the same conversation, states kept in a plain array.
        let engineOnly = Measurement.seconds(repeats: 3) {
            for _ in 0..<rounds {
                var states = (0..<sessions).map { engine.newSession(seed: UInt64($0), now: 1_795_392_000) }
                for text in LineLoad.conversation {
                    for session in 0..<sessions {
                        let turn = engine.reply(to: text, in: states[session], now: 1_795_392_000)
                        states[session] = turn.ended ? engine.newSession(seed: UInt64(session), now: 1_795_392_000) : turn.state
                        sink &+= turn.replies.count
                    }
                }
            }
        }
        precondition(sink != 0)
        let count = Double(rounds * requests.count)
        return RequestPathBenchmark(requests: rounds * requests.count, turnMicroseconds: turns / count * 1e6,
                                    healthMicroseconds: healthChecks / count * 1e6, engineMicroseconds: engineOnly / count * 1e6)
    }

    var text: String {
        func fixed(_ value: Double) -> String { String((value * 100).rounded() / 100) }
        return """
            request path: \(requests) requests of the wrk conversation, in-process, one thread
              POST /v1/messages   \(fixed(turnMicroseconds)) µs per request (\(Int(1e6 / turnMicroseconds)) req/s)
              engine turn alone   \(fixed(engineMicroseconds)) µs
              baseline            GET /healthz \(fixed(healthMicroseconds)) µs per request; a turn request is \(fixed(turnMicroseconds / healthMicroseconds))× that
            """
    }
}
