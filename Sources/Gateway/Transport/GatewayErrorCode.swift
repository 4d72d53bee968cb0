import GraphQLEngine
import Security

/// Every `extensions.code` the gateway answers with, and the HTTP status of
/// each: the one table (also in `Sources/Gateway/README.md`, "Status codes").
///
/// The transport's own refusals (`TransportError`) have a fixed status. The
/// codes of the engine and the security layer are theirs (named here, not
/// redefined): a request refused before execution (parse, validation, limits,
/// unknown operation, variables) is 400 under `application/graphql-response+json`
/// and 200 under `application/json`; an executed operation is 200 whatever its
/// field errors (`FORBIDDEN`, `BAD_USER_INPUT`, `DECRYPTION_FAILED`, `CONFLICT`...).
public enum GatewayErrorCode {
    /// 400: a malformed body or parameters.
    public static let badRequest = "BAD_REQUEST"
    /// 415: a POST body that is not JSON.
    public static let unsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE"
    /// 406: `Accept` allows neither JSON type.
    public static let notAcceptable = "NOT_ACCEPTABLE"
    /// 405: a method other than GET and POST, or a mutation over GET.
    public static let methodNotAllowed = "METHOD_NOT_ALLOWED"
    /// 413: a body over the limit.
    public static let requestTooLarge = "REQUEST_TOO_LARGE"
    /// 400: a JSON array body while batching is off.
    public static let batchingDisabled = "BATCHING_DISABLED"
    /// 400: more operations in a batch than allowed.
    public static let batchTooLarge = "BATCH_TOO_LARGE"
    /// 401: no valid API key (the security layer's code).
    public static let unauthenticated = AuthenticationError.code
    /// 400 (200 under `application/json`): a persisted query's hash is not known yet.
    public static let persistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND"
    /// 400 (200 under `application/json`): the hash is not the text's SHA-256.
    public static let persistedQueryHashMismatch = "PERSISTED_QUERY_HASH_MISMATCH"
    /// 400: a persisted-query protocol version other than 1.
    public static let persistedQueryNotSupported = "PERSISTED_QUERY_NOT_SUPPORTED"
    /// 504: execution went past its time limit (the engine's code).
    public static let timeout = GraphQLError.Code.timeout
    /// 503 with `Retry-After`: too many operations already wait to execute (`ExecutionGate`).
    public static let overloaded = "OVERLOADED"
    /// 429 with `Retry-After`: the client's requests or estimated cost a minute are used up (`RateLimits`).
    public static let rateLimited = "RATE_LIMITED"
    /// 414: a request URI (a GET's query string holds the document) over `GatewayLimits.maxURIBytes`.
    public static let uriTooLong = "URI_TOO_LONG"
    /// 500: the server failed (the engine's code).
    public static let internalServerError = GraphQLError.Code.internalServerError
}
