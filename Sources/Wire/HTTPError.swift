/// Why a request was refused: the status to send, a stable code for programs and a message for
/// people. The one error type of the HTTP side, from the parser's framing checks to the webhook's
/// own refusals, so every refusal carries its own code in the same JSON body.
public struct HTTPError: Error, Equatable, Sendable {
    public var status: Int
    public var code: String
    public var message: String

    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public static func badRequest(_ message: String) -> HTTPError { HTTPError(status: 400, code: "bad_request", message: message) }
    public static func unauthorized(_ message: String) -> HTTPError { HTTPError(status: 401, code: "unauthorized", message: message) }
    public static func notFound(_ message: String) -> HTTPError { HTTPError(status: 404, code: "not_found", message: message) }
    public static func methodNotAllowed(_ message: String) -> HTTPError { HTTPError(status: 405, code: "method_not_allowed", message: message) }
    public static func requestTimeout(_ message: String) -> HTTPError { HTTPError(status: 408, code: "request_timeout", message: message) }
    public static func payloadTooLarge(_ message: String) -> HTTPError { HTTPError(status: 413, code: "payload_too_large", message: message) }
    public static func uriTooLong(_ message: String) -> HTTPError { HTTPError(status: 414, code: "uri_too_long", message: message) }
    public static func unsupportedMediaType(_ message: String) -> HTTPError {
        HTTPError(status: 415, code: "unsupported_media_type", message: message)
    }
    public static func headerTooLarge(_ message: String) -> HTTPError { HTTPError(status: 431, code: "header_too_large", message: message) }
    public static func notImplemented(_ message: String) -> HTTPError { HTTPError(status: 501, code: "not_implemented", message: message) }
    public static func versionNotSupported(_ message: String) -> HTTPError {
        HTTPError(status: 505, code: "http_version_not_supported", message: message)
    }
}
