import Wire

/// Responses written outside a request's normal path: at accept (over the connection limit) and
/// from the timeout sweep.
enum CannedResponse {
    static let serviceUnavailable = HTTPResponse.error(503, "unavailable", "the server is at its connection limit; try again later")
        .adding("Retry-After: 1").serialized(keepAlive: false)
    static let requestTimeout = HTTPResponse.error(408, "request_timeout", "the request was not complete in time").serialized(keepAlive: false)
}
