public import GraphQLEngine

/// A request refused by the transport before any GraphQL work: wrong method,
/// media type, size, shape, or credentials. Answered with a GraphQL-shaped
/// body (`{"errors":[...]}`) so clients need one error path, and an HTTP
/// status that says the same thing to intermediaries.
public struct TransportError: Error, Sendable, Equatable {
    /// The HTTP status, whatever the negotiated media type (these failures
    /// are not well-formed GraphQL-over-HTTP requests, or not allowed ones).
    public let status: Int
    /// The stable `extensions.code`.
    public let code: String
    /// What a client developer reads; never a value from the request.
    public let message: String
    /// Whether the request was a well-formed GraphQL-over-HTTP request that
    /// failed at the GraphQL level (a persisted query miss): under legacy
    /// `application/json` such a failure is a 200, like a validation error.
    public let isGraphQLLevel: Bool

    public init(status: Int, code: String, message: String, isGraphQLLevel: Bool = false) {
        self.status = status
        self.code = code
        self.message = message
        self.isGraphQLLevel = isGraphQLLevel
    }

    /// The status to answer with under `mediaType`.
    public func status(for mediaType: ResponseMediaType) -> Int {
        isGraphQLLevel && mediaType == .json ? 200 : status
    }

    public var graphQLError: GraphQLError {
        GraphQLError(message: message, extensions: [("code", .string(code))])
    }
}

/// The stable codes the gateway itself gives (the engine's and the resolvers'
/// codes pass through unchanged).
public enum GatewayErrorCode {
    public static let badRequest = "BAD_REQUEST"
    public static let unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
    public static let notAcceptable = "NOT_ACCEPTABLE"
    public static let methodNotAllowed = "METHOD_NOT_ALLOWED"
    public static let requestTooLarge = "REQUEST_TOO_LARGE"
    public static let batchingDisabled = "BATCHING_DISABLED"
    public static let batchTooLarge = "BATCH_TOO_LARGE"
    public static let unauthenticated = "UNAUTHENTICATED"
    public static let persistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"
    public static let persistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH"
    public static let persistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED"
    public static let timeout = "TIMEOUT"
    public static let internalServerError = "INTERNAL_SERVER_ERROR"
}

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
}
