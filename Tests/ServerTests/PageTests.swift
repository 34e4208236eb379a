import Dialogue
import Foundation
import Testing
import Wire
@testable import Server

/// The chat page's files and the endpoint it talks to, without a browser (the browser test drives them for real).
@Suite("the chat page")
struct PageTests {
    func application(tokens: [String] = [], publicPage: Bool = false, frameAncestors: [String] = []) -> Application {
        Application(engine: ApplicationTests.engine, store: SessionStore(), tokens: tokens, clock: { 0 }, monotonic: { 0 },
                    publicPage: publicPage, frameAncestors: frameAncestors)
    }

    func get(_ app: Application, _ path: String) -> HTTPResponse {
        app.respond(to: HTTPRequest(method: "GET", target: path, headers: [("host", "x")]))
    }

    @Test("/, /widget and the page's script and style are served with a strict policy and no referrer, also with a token")
    func files() throws {
        let app = application(tokens: ["geheim"])
        for (path, type) in [("/", "text/html"), ("/widget", "text/html"), ("/assets/app.js", "text/javascript"), ("/assets/app.css", "text/css")] {
            let response = get(app, path)
            #expect(response.status == 200 && response.contentType?.hasPrefix(type) == true, "\(path)")
            #expect(response.headers.contains { $0.hasPrefix("Content-Security-Policy: default-src 'none'; script-src 'self';") && $0.hasSuffix("frame-ancestors 'none'") })
            #expect(response.headers.contains("Referrer-Policy: no-referrer") && response.headers.contains("X-Content-Type-Options: nosniff"))
            #expect(response.headers.contains("X-Frame-Options: DENY"))
        }
        let html = String(decoding: get(app, "/").body, as: UTF8.self)
        #expect(html.contains(#"<html lang="nl">"#) && !html.contains("<script>") && !html.contains("style="), "no inline script or style")
        #expect(!html.contains("geheim"), "never a token in the page")
        #expect(String(decoding: get(app, "/widget").body, as: UTF8.self).contains(#"<body class="widget">"#))
        #expect(app.respond(to: HTTPRequest(method: "POST", target: "/", headers: [("host", "x")])).status == 405)
    }

    @Test("--frame-ancestors lets the named sites frame the page, and drops X-Frame-Options")
    func embedding() {
        let response = get(application(frameAncestors: ["https://www.tilburg.nl", "'self'"]), "/widget")
        #expect(response.headers.contains { $0.hasSuffix("frame-ancestors https://www.tilburg.nl 'self'") })
        #expect(!response.headers.contains { $0.hasPrefix("X-Frame-Options") })
    }

    @Test("the page follows --gemeente: its cards show the gemeente's own desk")
    func gemeente() {
        let app = Application(engine: ApplicationTests.engine, store: SessionStore(), clock: { 0 }, monotonic: { 0 }, gemeente: "Tilburg")
        let body = Array(#"{"session":"g","text":"ik kan mijn huis niet meer schoonhouden"}"#.utf8)
        let response = app.respond(to: HTTPRequest(method: "POST", target: "/v1/page/messages", headers: [("host", "x"), ("content-type", "application/json")], body: body))
        #expect(String(decoding: response.body, as: UTF8.self).contains("Toegang Tilburg"))
    }

    @Test("the page's endpoint: open without tokens; with a token only after --public-page, in a namespace of its own")
    func endpoint() throws {
        let body = Array(#"{"session":"p1","text":"ik heb schulden"}"#.utf8)
        let request = HTTPRequest(method: "POST", target: "/v1/page/messages", headers: [("host", "x"), ("content-type", "application/json")], body: body)
        #expect(application().respond(to: request).status == 200)
        let closed = application(tokens: ["geheim"]).respond(to: request)
        #expect(closed.status == 401 && String(decoding: closed.body, as: UTF8.self).contains("page_not_public"))
        let app = application(tokens: ["geheim"], publicPage: true)
        #expect(app.respond(to: request).status == 200)
        #expect(app.store.state(SessionKey.named("p1", namespace: Application.pageNamespace), now: 0) != nil)
        #expect(app.store.state(SessionKey.named("p1", namespace: Application.namespace(of: Array("geheim".utf8))), now: 0) == nil,
                "a token's client never reaches the page's sessions")
    }
}
