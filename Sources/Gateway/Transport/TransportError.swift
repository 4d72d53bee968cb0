public import GraphQLEngine
import Hummingbird

/// A request refused by the transport before any GraphQL work: wrong method,
/// media type, size, shape, or credentials. Answered with a GraphQL-shaped
/// body (`{"errors":[...]}`) so clients need one error path, and an HTTP
/// status that says the same thing to intermediaries.
public struct TransportError: Error, Sendable, Equatable {
    /// The HTTP status, whatever the negotiated media type (these failures
    /// are not well-formed GraphQL-over-HTTP requests, or not allowed ones).
    public let status: Int
    /// The stable `extensions.code` (`GatewayErrorCode`).
    public let code: String
    /// What a client developer reads; never a value from the request.
    public let message: String
    /// Whether the request was a well-formed GraphQL-over-HTTP request that
    /// failed at the GraphQL level (a persisted query miss): under legacy
    /// `application/json` such a failure is a 200, like a validation error.
    public let isGraphQLLevel: Bool
    /// The `Retry-After` seconds of a refusal the client may retry later (429, 503).
    public let retryAfterSeconds: Int?

    public init(
        status: Int, code: String, message: String, isGraphQLLevel: Bool = false, retryAfterSeconds: Int? = nil
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.isGraphQLLevel = isGraphQLLevel
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// The status to answer with under `mediaType`.
    public func status(for mediaType: ResponseMediaType) -> Int {
        isGraphQLLevel && mediaType == .json ? 200 : status
    }

    public var graphQLError: GraphQLError {
        GraphQLError(message: message, extensions: [("code", .string(code))])
    }

    /// How a request refused with this error counts in metrics.
    var outcome: GatewayMetrics.Outcome {
        switch code {
        case GatewayErrorCode.unauthenticated: .unauthenticated
        case GatewayErrorCode.internalServerError: .failed
        case GatewayErrorCode.timeout: .timeout
        case GatewayErrorCode.overloaded: .overloaded
        case GatewayErrorCode.rateLimited: .rateLimited
        default: .rejected
        }
    }

    /// The response refusing the whole request, noted in `record`: the body,
    /// the status, and the headers the status calls for (`addHeaders`).
    func response(mediaType: ResponseMediaType, record: RequestRecord) -> Response {
        record.update { state in
            state.operations.append(
                RequestRecord.Operation(name: "unknown", outcome: outcome, errorCodes: [code], roundTrips: 0))
        }
        var response = HTTPAnswer.response(
            status: status(for: mediaType), mediaType: mediaType,
            body: GraphQLResponse(errors: [graphQLError]).jsonBytes())
        addHeaders(to: &response)
        return response
    }

    /// The headers this refusal's status calls for: `WWW-Authenticate` with
    /// 401, `Allow` with 405, `Retry-After` with 429 and 503, and
    /// `Connection: close` with 413: the rest of the body is not read, so
    /// the connection cannot carry another request (`ConnectionGuard` closes
    /// it once the answer is written, instead of leaving a client that is
    /// still sending to hang).
    func addHeaders(to response: inout Response) {
        if status == 401 { response.headers[.wwwAuthenticate] = "Bearer" }
        if status == 405 { response.headers[.allow] = self == .mutationOverGET ? "POST" : "GET, POST" }
        if let retryAfterSeconds { response.headers[.retryAfter] = String(retryAfterSeconds) }
        if status == 413 { response.headers[.connection] = "close" }
    }

    /// What `Retry-After` asks of a client turned away for load: a second is
    /// long beside an operation's usual milliseconds, short beside its time limit.
    static let overloadRetryAfterSeconds = 1
}

/// The transport's refusals: the status and code of each (`GatewayErrorCode`).
extension TransportError {
    static func badRequest(_ message: String) -> TransportError {
        TransportError(status: 400, code: GatewayErrorCode.badRequest, message: message)
    }

    static let unsupportedMediaType = TransportError(
        status: 415, code: GatewayErrorCode.unsupportedMediaType,
        message: "POST bodies must be JSON: send Content-Type: application/json")

    static let notAcceptable = TransportError(
        status: 406, code: GatewayErrorCode.notAcceptable,
        message: "Accept must allow application/graphql-response+json or application/json")

    static func requestTooLarge(limit: Int) -> TransportError {
        TransportError(
            status: 413, code: GatewayErrorCode.requestTooLarge,
            message: "Request body is larger than the limit of \(limit) bytes")
    }

    static let methodNotAllowed = TransportError(
        status: 405, code: GatewayErrorCode.methodNotAllowed, message: "Use GET or POST for /graphql")

    static let mutationOverGET = TransportError(
        status: 405, code: GatewayErrorCode.methodNotAllowed,
        message: "Only queries may be sent with GET; send mutations with POST")

    static let batchingDisabled = TransportError(
        status: 400, code: GatewayErrorCode.batchingDisabled,
        message: "Batched requests (a JSON array) are not enabled on this server")

    static func batchTooLarge(limit: Int) -> TransportError {
        TransportError(
            status: 400, code: GatewayErrorCode.batchTooLarge,
            message: "A batch may hold at most \(limit) operations")
    }

    static let unauthenticated = TransportError(
        status: 401, code: GatewayErrorCode.unauthenticated, message: "Invalid or missing API key")

    static let internalError = TransportError(
        status: 500, code: GatewayErrorCode.internalServerError, message: "Internal server error")

    static let persistedQueryNotFound = TransportError(
        status: 400, code: GatewayErrorCode.persistedQueryNotFound, message: "PersistedQueryNotFound",
        isGraphQLLevel: true)

    static let persistedQueryHashMismatch = TransportError(
        status: 400, code: GatewayErrorCode.persistedQueryHashMismatch,
        message: "The persisted query hash is not the SHA-256 of the query sent with it",
        isGraphQLLevel: true)

    static let overloaded = TransportError(
        status: 503, code: GatewayErrorCode.overloaded,
        message: "The server is busy: too many operations are waiting to run. Retry after a second",
        retryAfterSeconds: overloadRetryAfterSeconds)

    /// 429: the client's request or cost allowance for the minute is spent
    /// (`RateLimitMiddleware`, or the cost of an operation in `GraphQLEndpoint`).
    static func rateLimited(_ refusal: RateLimitTicket.Refusal) -> TransportError {
        let what = refusal.policy == .requests ? "requests" : "estimated query cost"
        return TransportError(
            status: 429, code: GatewayErrorCode.rateLimited,
            message:
                "Rate limit exceeded: this client's \(what) a minute are used up. Retry after \(refusal.retryAfter) s",
            retryAfterSeconds: refusal.retryAfter)
    }

    static func uriTooLong(limit: Int) -> TransportError {
        TransportError(
            status: 414, code: GatewayErrorCode.uriTooLong,
            message: "The request URI is longer than the limit of \(limit) bytes; send long documents with POST")
    }

    static let persistedQueryVersionNotSupported = TransportError(
        status: 400, code: GatewayErrorCode.persistedQueryNotSupported,
        message: "Only version 1 of persisted queries is supported")

    static func timeout(after limit: Duration) -> TransportError {
        TransportError(
            status: 504, code: GatewayErrorCode.timeout,
            message: "The operation did not finish within the time limit of \(describe(limit))")
    }

    /// `10 s`, `250 ms`.
    static func describe(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1_000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1_000 == 0 ? "\(milliseconds / 1_000) s" : "\(milliseconds) ms"
    }
}

/// Writing a GraphQL response body as an HTTP response.
enum HTTPAnswer {
    static func response(status: Int, mediaType: ResponseMediaType, body: [UInt8]) -> Response {
        Response(
            status: HTTPResponse.Status(code: status), headers: [.contentType: mediaType.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
