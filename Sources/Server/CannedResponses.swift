import Wire

/// Responses written outside a request's normal path: at accept (over the connection limit) and
/// from the timeout sweep.
enum CannedResponse {
    static let serviceUnavailable = HTTPResponse.error(HTTPError(status: 503, code: "unavailable", message: "the server is at its connection limit; try again later"))
        .adding("Retry-After: 1").serialized(keepAlive: false)
    static let requestTimeout = HTTPResponse.error(.requestTimeout("the request was not complete in time")).serialized(keepAlive: false)
}
