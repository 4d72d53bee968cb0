import Hummingbird
import Security

/// The webhook routes' answers: short JSON a sender's dashboard shows, never
/// an echo of what was sent.
enum WebhookAnswer {
    static func json(_ status: HTTPResponse.Status, _ text: String, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func received(_ outcome: WebhookOutcome) -> Response {
        json(.ok, #"{"received":true,"outcome":"\#(outcome.rawValue)"}"#)
    }

    static func refused(_ message: String) -> Response { json(.badRequest, #"{"error":"\#(message)"}"#) }

    static func unavailable(_ variable: String) -> Response {
        json(.serviceUnavailable, #"{"error":"webhook not configured (\#(variable) unset)"}"#)
    }

    static var failed: Response { json(.internalServerError, #"{"error":"could not be recorded; retry"}"#) }

    static var tooLarge: Response {
        json(HTTPResponse.Status(code: 413), #"{"error":"body too large"}"#, headers: [.connection: "close"])
    }
}
