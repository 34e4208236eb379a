import Foundation
import Testing

/// `--gemeente`, the webhook's `gemeente` field and the bundled overlays, end to end.
@Suite("the gemeente's own desks", .serialized)
struct GemeenteTests {
    @Test("ask --gemeente shows the gemeente's own desk and says which overlay gave it; a woonplaats or common name works too")
    func ask() throws {
        let tilburg = try CommandRunner.run(["ask", "--gemeente", "tilburg", "huishoudelijke hulp aanvragen"])
        #expect(tilburg.status == 0 && tilburg.stdout.contains("Contact: Toegang Tilburg. Bel 14 013."))
        #expect(tilburg.stdout.contains("gemeenten/tilburg.md op 2026-11-30"))
        let national = try CommandRunner.run(["ask", "huishoudelijke hulp aanvragen"])
        #expect(!national.stdout.contains("Toegang Tilburg") && national.stdout.contains("de naam van uw gemeente"))
        let json = try CommandRunner.run(["ask", "--json", "--gemeente", "Berkel-Enschot", "huishoudelijke hulp aanvragen"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["gemeente"] as? String == "Tilburg")
        let first = try #require((object["results"] as? [[String: Any]])?.first)
        #expect(first["overlay"] as? String == "gemeenten/tilburg.md" && (first["contact"] as? String)?.hasPrefix("Toegang Tilburg") == true)
        let haag = try CommandRunner.run(["ask", "--gemeente", "Den Haag", "wie betaalt een traplift"], environment: ["ROUTEWIJZER_GEMEENTE": "Tilburg"])
        #expect(haag.status == 0 && !haag.stdout.contains("Toegang Tilburg"), "the option wins over the environment")
        let region = try CommandRunner.run(["ask", "--gemeente", "Dinkelland", "zorgkantoor verpleeghuis kiezen na wlz indicatie"])
        #expect(region.stdout.contains("De gemeente Dinkelland hoort bij zorgkantoorregio Twente."), "the region comes from the CBS list")
        let fromEnvironment = try CommandRunner.run(["ask", "huishoudelijke hulp aanvragen"], environment: ["ROUTEWIJZER_GEMEENTE": "Tilburg"])
        #expect(fromEnvironment.stdout.contains("Toegang Tilburg"))
    }

    @Test("a gemeente that does not exist is a usage error that names the closest ones")
    func unknown() throws {
        let output = try CommandRunner.run(["ask", "--gemeente", "Tilbrug", "huishoudelijke hulp"])
        #expect(output.status == 2 && output.stderr.contains("'Tilbrug' is not a gemeente; did you mean Tilburg?"))
        #expect(try CommandRunner.run(["chat", "--gemeente", "Atlantis"], input: "hoi\n").status == 2)
    }

    @Test("chat --gemeente gives every card the gemeente's desk from the first message")
    func chat() throws {
        let output = try CommandRunner.run(["chat", "--seed", "1", "--gemeente", "tilburg"], input: "ik kan mijn huis niet meer schoonhouden\nnee\n")
        #expect(output.status == 0 && output.stdout.contains("Contact: Toegang Tilburg") && !output.stdout.contains("U woont in de gemeente"))
    }

    @Test("serve: a message's gemeente field and Rasa's metadata.gemeente choose the desks; an unknown one is 400 unknown_gemeente")
    func serve() throws {
        let (process, port, _) = try ServeTests.start([])
        defer { process.terminate(); process.waitUntilExit() }
        func post(_ path: String, _ body: String) -> String {
            ServeTests.http(port, "POST \(path) HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
        }
        let local = post("/v1/messages", #"{"session":"g1","text":"ik kan mijn huis niet meer schoonhouden","gemeente":"Tilburg"}"#)
        #expect(local.contains(#""gemeente":"Tilburg","overlay":"gemeenten/tilburg.md""#) && local.contains("Toegang Tilburg"))
        let kept = post("/v1/messages", #"{"session":"g1","text":"nee"}"#)
        #expect(kept.contains("Toegang Tilburg"), "the gemeente stays with the session")
        let rasa = post("/webhooks/rest/webhook", #"{"sender":"g2","message":"ik kan mijn huis niet meer schoonhouden","metadata":{"gemeente":"tilburg"}}"#)
        #expect(rasa.contains("Toegang Tilburg"))
        let unknown = post("/v1/messages", #"{"session":"g3","text":"hoi","gemeente":"Atlantis"}"#)
        #expect(unknown.hasPrefix("HTTP/1.1 400 ") && unknown.contains(#""code":"unknown_gemeente""#))
        let notText = post("/v1/messages", #"{"session":"g3","text":"hoi","gemeente":12}"#)
        #expect(notText.hasPrefix("HTTP/1.1 400 "))
    }

    @Test("serve --gemeente sets the gemeente of every new session")
    func serveDefault() throws {
        let (process, port, _) = try ServeTests.start(["--gemeente", "Tilburg"])
        defer { process.terminate(); process.waitUntilExit() }
        let body = #"{"session":"d1","text":"ik kan mijn huis niet meer schoonhouden"}"#
        let reply = ServeTests.http(port, "POST /v1/messages HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
        #expect(reply.contains("Toegang Tilburg"))
    }

    @Test("curl -I / shows the page's security headers; --frame-ancestors takes origins only")
    func pageHeaders() throws {
        let (process, port, _) = try ServeTests.start(["--frame-ancestors", "https://www.tilburg.nl"])
        defer { process.terminate(); process.waitUntilExit() }
        let head = ServeTests.http(port, "HEAD / HTTP/1.0\r\n\r\n")
        #expect(head.hasPrefix("HTTP/1.1 200 ") && head.contains("Content-Security-Policy: default-src 'none'") && head.contains("frame-ancestors https://www.tilburg.nl"))
        #expect(head.contains("Referrer-Policy: no-referrer") && head.contains("X-Content-Type-Options: nosniff"))
        let refused = try CommandRunner.run(["serve", "--frame-ancestors", "javascript:alert(1)", "--http", "127.0.0.1:0"])
        #expect(refused.status == 2 && refused.stderr.contains("--frame-ancestors takes origins"))
    }
}
