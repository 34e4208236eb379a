import Wire

/// The chat page (`GET /`, `GET /widget`, its script and style) and the endpoint it talks to.
extension Application {
    /// The page's own files, with the security headers every one of them carries; nil for other paths.
    func page(_ request: HTTPRequest) -> HTTPResponse? {
        let file: (type: String, text: String)
        switch request.path {
        case "/": file = ("text/html; charset=utf-8", WebPage.html(widget: false))
        case "/widget": file = ("text/html; charset=utf-8", WebPage.html(widget: true))
        case "/assets/app.css": file = ("text/css; charset=utf-8", WebPage.css)
        case "/assets/app.js": file = ("text/javascript; charset=utf-8", WebPage.javascript)
        default: return nil
        }
        if let refusal = allow(request, Self.reading) { return refusal }
        return HTTPResponse(status: 200, contentType: file.type, body: Array(file.text.utf8), headers: pageHeaders)
    }

    /// A strict policy: scripts, styles and requests from this origin only, no inline code, no
    /// referrer, no sniffing; framed only by the origins `--frame-ancestors` names.
    var pageHeaders: [String] {
        let ancestors = frameAncestors.isEmpty ? "'none'" : frameAncestors.joined(separator: " ")
        return [
            "Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors \(ancestors)",
            "Referrer-Policy: no-referrer", "X-Content-Type-Options: nosniff", "Cache-Control: no-cache",
        ] + (frameAncestors.isEmpty ? ["X-Frame-Options: DENY"] : [])
    }

    /// `POST /v1/page/messages`: the page's turns, in a namespace of their own. With `--token`, the
    /// page carries no token (a secret in a page is no secret), so it works only when the operator
    /// opened it with `--public-page`.
    func pageMessage(_ request: HTTPRequest) -> HTTPResponse {
        guard tokens.isEmpty || publicPage else {
            return .error(HTTPError(status: 401, code: "page_not_public",
                                    message: "this server needs a token; start it with --public-page to let the page talk to it"))
        }
        return allow(request, Self.posting) ?? json(request) { self.message($0, namespace: Self.pageNamespace) }
    }

    /// The page's sessions: apart from every token's (those namespaces start with "t") and from the default one.
    static let pageNamespace = "page"
}
