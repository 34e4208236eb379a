import Dialogue
import Foundation
import Retrieval
import Testing
@testable import Server
@testable import Wire

/// The application without sockets: what each request and line gets back.
@Suite("Server application")
struct ApplicationTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let engine: Engine = {
        let (knowledge, _) = KnowledgeBase.parse((try? KnowledgeLoader.read(root.appending(path: "Knowledge").path)) ?? [])
        let (dialogs, _) = DialogSet.parse((try? KnowledgeLoader.read(root.appending(path: "Dialogs").path)) ?? [])
        return Engine(content: DialogueContent(dialogs: dialogs, knowledge: knowledge, index: BM25Index(knowledge: knowledge)))
    }()

    func application(tokens: [String] = []) -> Application {
        Application(engine: Self.engine, store: SessionStore(), tokens: tokens, openAPI: "openapi: 3.1.0\n", clock: { 1_795_392_000 }, monotonic: { 0 })
    }

    func post(_ path: String, _ body: String, token: String? = nil, type: String = "application/json") -> HTTPRequest {
        var headers = [(name: "host", value: "x"), (name: "content-type", value: type)]
        if let token { headers.append((name: "authorization", value: "Bearer " + token)) }
        return HTTPRequest(method: "POST", target: path, headers: headers, body: Array(body.utf8))
    }

    func json(_ response: HTTPResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body))
    }

    @Test("the Rasa REST channel: sender and message in, recipient_id, text and buttons out")
    func rasa() throws {
        let app = application()
        let response = app.respond(to: post("/webhooks/rest/webhook", #"{"sender":"u1","message":"ik heb een vraag over zorg"}"#))
        #expect(response.status == 200 && response.contentType == "application/json")
        let messages = try #require(try json(response) as? [[String: Any]])
        #expect(messages.allSatisfy { $0["recipient_id"] as? String == "u1" && $0["text"] is String })
        let buttons = try #require(messages.last?["buttons"] as? [[String: String]])
        #expect(buttons.last == ["title": "Iets anders", "payload": "anders"])
        let status = app.respond(to: HTTPRequest(method: "GET", target: "/webhooks/rest/", headers: [("host", "x")]))
        #expect(String(decoding: status.body, as: UTF8.self) == #"{"status":"ok"}"#)
    }

    @Test("CORS: an allowed origin gets a preflight answer without a token and the header on answers; others get neither")
    func cors() {
        let app = Application(engine: Self.engine, store: SessionStore(), tokens: ["geheim"], clock: { 0 }, monotonic: { 0 },
                              corsOrigins: ["https://balie.example.nl"])
        func request(_ method: String, origin: String, extra: [(name: String, value: String)] = []) -> HTTPRequest {
            HTTPRequest(method: method, target: "/v1/messages",
                        headers: [(name: "host", value: "x"), (name: "origin", value: origin)] + extra)
        }
        let preflight = app.respond(to: request("OPTIONS", origin: "https://balie.example.nl",
                                                extra: [(name: "access-control-request-method", value: "POST")]))
        #expect(preflight.status == 204 && preflight.headers.contains("Access-Control-Allow-Origin: https://balie.example.nl"))
        #expect(preflight.headers.contains("Access-Control-Allow-Headers: Content-Type, Authorization"))
        let other = app.respond(to: request("OPTIONS", origin: "https://elders.example", extra: [(name: "access-control-request-method", value: "POST")]))
        #expect(other.status != 204 && !other.headers.contains { $0.hasPrefix("Access-Control-Allow-Origin") })
        let unauthorized = app.respond(to: request("POST", origin: "https://balie.example.nl"))
        #expect(unauthorized.status == 401 && unauthorized.headers.contains("Vary: Origin"))
        let none = Application(engine: Self.engine, store: SessionStore(), clock: { 0 }, monotonic: { 0 })
        #expect(!none.respond(to: request("GET", origin: "https://balie.example.nl")).headers.contains { $0.hasPrefix("Access-Control") })
    }

    @Test("the Rasa channel as Rasa's own: no sender is 'default', no Content-Type is JSON, /restart starts over")
    func rasaLeniency() throws {
        let app = application()
        let bare = HTTPRequest(method: "POST", target: "/webhooks/rest/webhook", headers: [(name: "host", value: "x")],
                               body: Array(#"{"message":"ik heb een vraag over zorg"}"#.utf8))
        let first = try #require(try json(app.respond(to: bare)) as? [[String: Any]])
        #expect(first.first?["recipient_id"] as? String == "default")
        let restarted = try #require(try json(app.respond(to: post("/webhooks/rest/webhook", #"{"message":"/restart"}"#))) as? [[String: Any]])
        #expect(restarted.contains { ($0["text"] as? String)?.contains("We beginnen opnieuw") == true })
        #expect(app.respond(to: post("/webhooks/rest/webhook", #"{"message":"hoi"}"#, type: "text/plain")).status == 415)
        #expect(app.respond(to: post("/webhooks/rest/webhook", #"{"sender":"","message":"hoi"}"#)).status == 400)
    }

    @Test("POST /v1/messages returns the turn object with the session; sessions keep their state")
    func messages() throws {
        let app = application()
        _ = app.respond(to: post("/v1/messages", #"{"session":"s1","text":"ik heb een vraag over zorg"}"#))
        let second = try #require(try json(app.respond(to: post("/v1/messages", #"{"session":"s1","text":"anders"}"#))) as? [String: Any])
        #expect(second["session"] as? String == "s1")
        #expect((second["state"] as? [String: Any])?["step"] as? String == "gevaar")
        let other = try #require(try json(app.respond(to: post("/v1/messages", #"{"session":"s2","text":"anders"}"#))) as? [String: Any])
        #expect((other["state"] as? [String: Any])?["step"] as? String != "gevaar")
    }

    /// The turn object as a `JSONValue` tree, the general writer the byte-by-byte one must agree with.
    static func turnTree(_ turn: Turn, session: String?) -> JSONValue {
        .object((session.map { [("session", JSONValue.string($0))] } ?? []) + [
            ("replies", .array(turn.replies.map { reply in
                .object([
                    ("text", .string(reply.text)),
                    ("options", .array(reply.options.map { .object([("label", .string($0.label)), ("value", .string($0.value))]) })),
                ])
            })),
            ("routes", .array(turn.routes.map(JSONValue.string))),
            ("state", .object([("flow", turn.flow.map(JSONValue.string) ?? .null), ("step", turn.step.map(JSONValue.string) ?? .null)])),
            ("cards", .array(turn.cards.map { card in
                .object([
                    ("route", .string(card.route.id)), ("name", .string(card.route.name)), ("document", .string(card.document.id)),
                    ("title", .string(card.document.title)), ("why", .string(card.document.summary)),
                    ("contact", .string(card.contact)), ("bring", .array(card.prepare.map(JSONValue.string))),
                    ("sources", .array(card.sources.map(JSONValue.string))), ("checked", .string(card.document.checked)),
                    ("gemeente", card.gemeente.map { .string($0.name) } ?? .null),
                    ("overlay", card.local == nil ? .null : card.overlay.map { .string($0.path) } ?? .null),
                ])
            })),
            ("safety", .string(turn.safety.rawValue)),
            ("ended", .bool(turn.ended)),
        ])
    }

    @Test("the turn object is written as the JSON tree would be: options, routes, an ended conversation, escapes")
    func turnObject() {
        var state = Self.engine.newSession(seed: 7, now: 0)
        for text in ["ik heb een vraag over zorg", "anders", "ik wil niet meer leven", "nee", "stop", "hallo \"daar\"\n"] {
            let turn = Self.engine.reply(to: text, in: state, now: 0)
            state = turn.ended ? Self.engine.newSession(seed: 7, now: 0) : turn.state
            for session in [nil, "s1", "a\"b\\c\u{01}é"] {
                #expect(TurnFormat.json(turn, session: session) == Self.turnTree(turn, session: session).bytes, "after \(text)")
            }
        }
    }

    @Test("a token's namespace comes from the token, not from its place in the list")
    func tokenNamespaces() {
        let first = Application(engine: Self.engine, store: SessionStore(), tokens: ["a", "b"], clock: { 0 }, monotonic: { 0 })
        let second = Application(engine: Self.engine, store: SessionStore(), tokens: ["b"], clock: { 0 }, monotonic: { 0 })
        #expect(first.namespace(authorization: "Bearer b") == second.namespace(authorization: "Bearer b"))
        #expect(first.namespace(authorization: "Bearer a") != first.namespace(authorization: "Bearer b"))
        #expect(second.namespace(authorization: "Bearer a") == nil && !(first.namespace(authorization: "Bearer b") ?? "").contains("b"))
    }

    @Test("DELETE /v1/sessions/{id} erases a session")
    func erase() {
        let app = application()
        _ = app.respond(to: post("/v1/messages", #"{"session":"weg","text":"ik heb een vraag over zorg"}"#))
        #expect(app.store.count == 1)
        #expect(app.respond(to: HTTPRequest(method: "DELETE", target: "/v1/sessions/weg", headers: [("host", "x")])).status == 204)
        #expect(app.store.count == 0)
    }

    @Test("errors have the right status and a JSON error body", arguments: [
        ("GET", "/nergens", 404), ("GET", "/v1/messages", 405), ("PUT", "/healthz", 405),
    ])
    func errors(method: String, path: String, status: Int) throws {
        let response = application().respond(to: HTTPRequest(method: method, target: path, headers: [("host", "x")]))
        #expect(response.status == status)
        #expect((try json(response) as? [String: Any])?["error"] != nil)
    }

    @Test("not JSON is 415, broken JSON and missing fields are 400")
    func badBodies() {
        let app = application()
        #expect(app.respond(to: post("/v1/messages", "hallo", type: "text/plain")).status == 415)
        #expect(app.respond(to: post("/v1/messages", "{kapot")).status == 400)
        #expect(app.respond(to: post("/v1/messages", #"{"session":"","text":"x"}"#)).status == 400)
        #expect(app.respond(to: post("/webhooks/rest/webhook", #"{"sender":"a"}"#)).status == 400)
    }

    @Test("with tokens, every path but /healthz needs a bearer token, and tokens never share sessions")
    func tokens() throws {
        let app = application(tokens: ["geheim-a", "geheim-b"])
        #expect(app.respond(to: HTTPRequest(method: "GET", target: "/healthz", headers: [("host", "x")])).status == 200)
        #expect(app.respond(to: post("/v1/messages", #"{"session":"s","text":"hoi"}"#)).status == 401)
        #expect(app.respond(to: post("/v1/messages", #"{"session":"s","text":"hoi"}"#, token: "fout")).status == 401)
        _ = app.respond(to: post("/v1/messages", #"{"session":"s","text":"ik heb een vraag over zorg"}"#, token: "geheim-a"))
        let a = try #require(try json(app.respond(to: post("/v1/messages", #"{"session":"s","text":"anders"}"#, token: "geheim-a"))) as? [String: Any])
        let b = try #require(try json(app.respond(to: post("/v1/messages", #"{"session":"s","text":"anders"}"#, token: "geheim-b"))) as? [String: Any])
        #expect((a["state"] as? [String: Any])?["step"] as? String == "gevaar")
        #expect((b["state"] as? [String: Any])?["step"] as? String == "begin")
        #expect(Application.constantTimeEqual(Array("abc".utf8), Array("abc".utf8)) && !Application.constantTimeEqual(Array("abc".utf8), Array("abd".utf8)))
    }

    @Test("line protocol: JSON lines carry their session, plain lines use the connection's own, errors keep going")
    func lines() throws {
        let app = application()
        let reply = String(decoding: app.answerLine(Array(#"{"session":"x","text":"ik heb een vraag over zorg"}"#.utf8), connection: "c1"), as: UTF8.self)
        #expect(reply.hasPrefix(#"{"session":"x","replies":"#) && reply.hasSuffix("}\n"))
        let plain = String(decoding: app.answerLine(Array("ik heb een vraag over zorg".utf8), connection: "c1"), as: UTF8.self)
        #expect(plain.contains("  1. ") && plain.hasSuffix("\n\n"))
        #expect(String(decoding: app.answerLine(Array("{kapot".utf8), connection: "c1"), as: UTF8.self).hasPrefix(#"{"error":{"code":"invalid_json""#))
        #expect(String(decoding: app.answerLine(Array(#"{"text":"x"}"#.utf8), connection: "c1"), as: UTF8.self).contains("invalid_session"))
    }

    @Test("metrics count requests, turns, latency, sessions, safety and routes")
    func metrics() {
        let app = application()
        _ = app.respond(to: post("/v1/messages", #"{"session":"m","text":"ik wil niet meer leven"}"#))
        let text = String(decoding: app.respond(to: HTTPRequest(method: "GET", target: "/metrics", headers: [("host", "x")])).body, as: UTF8.self)
        for line in ["routewijzer_http_requests_total{status=\"200\"} 1", "routewijzer_turns_total 1", "routewijzer_turn_seconds_count 1",
                     "routewijzer_sessions_active 1", "routewijzer_safety_triggers_total 1",
                     "routewijzer_routes_recommended_total{route=\"zelfmoordpreventie-113\"} 1"] {
            #expect(text.contains(line), "missing \(line)")
        }
    }

    @Test("sessions expire after the idle time and the oldest give way at the maximum")
    func store() {
        var limits = SessionStore.Limits()
        limits.idleSeconds = 60
        limits.maximumCount = 2
        let store = SessionStore(limits: limits)
        let state = SessionState(seed: 1, now: 0)
        store.store(state, for: "a", now: 0)
        store.store(state, for: "b", now: 10)
        store.store(state, for: "c", now: 20)
        #expect(store.state("a", now: 20) == nil && store.state("b", now: 20) != nil && store.count == 2)
        #expect(store.state("b", now: 70) == nil && store.expire(now: 100) == 1 && store.count == 0)
    }
}
