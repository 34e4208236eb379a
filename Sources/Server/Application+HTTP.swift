import Dialogue
import Wire

/// The HTTP webhook: the Rasa REST channel, the turn API, health, metrics and the OpenAPI document.
extension Application {
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        var response = preflight(request) ?? route(request)
        if let origin = allowedOrigin(request) {
            response.headers += ["Access-Control-Allow-Origin: \(origin)", "Vary: Origin"]
        }
        metrics.request(status: response.status)
        return response
    }

    /// The request's Origin when `--cors-origin` allows it (a help desk's web page on another host).
    private func allowedOrigin(_ request: HTTPRequest) -> String? {
        guard !corsOrigins.isEmpty, let origin = request.header("origin") else { return nil }
        return corsOrigins.contains("*") || corsOrigins.contains(origin) ? origin : nil
    }

    /// A browser's CORS preflight (OPTIONS with Access-Control-Request-Method) from an allowed origin:
    /// 204 with the methods and headers the webhook takes. It carries no token, so it needs none.
    private func preflight(_ request: HTTPRequest) -> HTTPResponse? {
        guard request.method == "OPTIONS", request.header("access-control-request-method") != nil,
              allowedOrigin(request) != nil, Self.paths.contains(request.path) || request.path.hasPrefix("/v1/sessions/") else { return nil }
        var response = HTTPResponse(status: 204)
        response.headers += [
            "Access-Control-Allow-Methods: GET, POST, DELETE, OPTIONS", "Access-Control-Allow-Headers: Content-Type, Authorization",
            "Access-Control-Max-Age: 600",
        ]
        return response
    }

    static let defaultSender = "default"
    static let unknownGemeente = HTTPError(status: 400, code: "unknown_gemeente", message: "\"gemeente\" must name a gemeente of the Netherlands, as a string")
    /// The journal could not store the turn: not acknowledged, so the client may send it again.
    static let storageUnavailable = HTTPResponse.error(HTTPError(status: 503, code: "storage_unavailable", message: "the session could not be saved; nothing changed, try again later"))
        .adding("Retry-After: 5")
    /// Rasa's slash commands, as the words the engine knows (`Dialogs/woorden.tsv`).
    static let rasaCommands = ["/restart": "opnieuw", "/stop": "stop", "/session_start": "opnieuw"]

    private static let paths: Set<String> = ["/webhooks/rest/webhook", "/webhooks/rest/", "/webhooks/rest", "/v1/messages", "/metrics", "/openapi.yaml"]
    static let reading = ["GET", "HEAD"], posting = ["POST"], deleting = ["DELETE"]

    private func route(_ request: HTTPRequest) -> HTTPResponse {
        let path = request.path
        if path == "/healthz" {
            return allow(request, Self.reading) ?? .json(.object([("status", .string("ok"))]))
        }
        if let page = page(request) { return page }
        if path == "/v1/page/messages" { return pageMessage(request) }
        guard Self.paths.contains(path) || path.hasPrefix("/v1/sessions/") else {
            return .error(.notFound("no such path: \(path)"))
        }
        guard let namespace = namespace(authorization: request.header("authorization")) else {
            var response = HTTPResponse.error(.unauthorized("a valid 'Authorization: Bearer <token>' header is required"))
            response.headers.append("WWW-Authenticate: Bearer")
            return response
        }
        switch path {
        case "/webhooks/rest/", "/webhooks/rest":
            return allow(request, Self.reading) ?? .json(.object([("status", .string("ok"))]))
        case "/metrics":
            return allow(request, Self.reading) ?? HTTPResponse(status: 200, contentType: "text/plain; version=0.0.4",
                                                                   body: Array(metrics.render(storeLines: sessions.metricLines).utf8))
        case "/openapi.yaml":
            return allow(request, Self.reading) ?? HTTPResponse(status: 200, contentType: "application/yaml", body: openAPI)
        case "/webhooks/rest/webhook":
            return allow(request, Self.posting) ?? json(request) { self.rasa($0, namespace: namespace) }
        case "/v1/messages":
            return allow(request, Self.posting) ?? json(request) { self.message($0, namespace: namespace) }
        default:
            if let refusal = allow(request, Self.deleting) { return refusal }
            let id = String(path.dropFirst("/v1/sessions/".count)).removingPercentEncoding
            guard !id.isEmpty else { return .error(.notFound("no session id in the path")) }
            if case .failed(let reason) = sessions.remove(SessionKey.named(id, namespace: namespace), durably: true) {
                storageFailed(reason)
                return Self.storageUnavailable
            }
            return HTTPResponse(status: 204)
        }
    }

    /// 405 with `Allow` when the method is not one of `methods`.
    func allow(_ request: HTTPRequest, _ methods: [String]) -> HTTPResponse? {
        guard !methods.contains(request.method) else { return nil }
        return HTTPResponse.error(.methodNotAllowed("use \(methods.joined(separator: " or "))"))
            .adding("Allow: \(methods.joined(separator: ", "))")
    }

    /// Checks the media type and parses the body before `body` sees it. A body without Content-Type
    /// is read as JSON, as Rasa's REST channel does; another declared type is 415.
    func json(_ request: HTTPRequest, _ body: (JSONValue) -> HTTPResponse) -> HTTPResponse {
        guard request.header("content-type") == nil || request.hasMediaType("application/json") else {
            return .error(.unsupportedMediaType("send application/json"))
        }
        do {
            return body(try JSONParser.parse(request.body))
        } catch {
            return .error(HTTPError(status: 400, code: "invalid_json", message: error.description))
        }
    }

    /// `POST /webhooks/rest/webhook`: `{"sender","message"}` in, Rasa's message array out. As in
    /// Rasa's REST channel, a missing sender is "default", and "/restart" starts over.
    private func rasa(_ value: JSONValue, namespace: String) -> HTTPResponse {
        let sender = value["sender"] == nil ? Self.defaultSender : value["sender"]?.stringValue
        guard let sender, !sender.isEmpty, sender.utf8.count <= Self.maximumSessionIDLength,
              let message = value["message"]?.stringValue else {
            return .error(HTTPError(status: 400, code: "invalid_request", message: "expected {\"sender\": String, \"message\": String}"))
        }
        let place = self.place(value["metadata"]?["gemeente"])
        guard place != .unknown else { return .error(Self.unknownGemeente) }
        guard let turn = self.turn(SessionKey.named(sender, namespace: namespace), text: Self.rasaCommands[message] ?? message,
                                   gemeente: place.name) else {
            return Self.storageUnavailable
        }
        let messages: [JSONValue] = turn.replies.map { reply in
            var members: [(String, JSONValue)] = [("recipient_id", .string(sender)), ("text", .string(reply.text))]
            if !reply.options.isEmpty {
                members.append(("buttons", .array(reply.options.map { .object([("title", .string($0.label)), ("payload", .string($0.value))]) })))
            }
            return .object(members)
        }
        return .json(.array(messages))
    }

    /// `POST /v1/messages`: `{"session","text"}` in, the turn object out.
    func message(_ value: JSONValue, namespace: String) -> HTTPResponse {
        guard let session = value["session"]?.stringValue, !session.isEmpty, session.utf8.count <= Self.maximumSessionIDLength,
              let text = value["text"]?.stringValue else {
            return .error(HTTPError(status: 400, code: "invalid_request", message: "expected {\"session\": String, \"text\": String}"))
        }
        let place = self.place(value["gemeente"])
        guard place != .unknown else { return .error(Self.unknownGemeente) }
        guard let turn = self.turn(SessionKey.named(session, namespace: namespace), text: text, gemeente: place.name) else {
            return Self.storageUnavailable
        }
        return .json(TurnFormat.json(turn, session: session))
    }
}

extension HTTPResponse {
    func adding(_ header: String) -> HTTPResponse {
        var copy = self
        copy.headers.append(header)
        return copy
    }
}

extension String {
    /// `%XX` sequences decoded; the text unchanged when they do not form UTF-8.
    var removingPercentEncoding: String {
        var bytes: [UInt8] = []
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? self
    }
}
