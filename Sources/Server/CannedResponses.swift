import Wire

/// Responses written outside a request's normal path (at accept and from the timeout sweep).
enum HTTPResponseBytes {
    static let serviceUnavailable = HTTPResponse.error(503, "unavailable", "the server is at its connection limit; try again later")
        .adding("Retry-After: 1").serialized(keepAlive: false)
}

enum HTTPResponse408 {
    static let bytes = HTTPResponse.error(408, "request_timeout", "the request was not complete in time").serialized(keepAlive: false)
}
