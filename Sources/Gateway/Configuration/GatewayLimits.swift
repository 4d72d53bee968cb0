/// The limits the transport enforces before (and while) a request executes
/// (`README.md`, "Limits"). Document limits (depth, aliases, tokens, cost,
/// page size) belong to the engine: they are `GatewayConfiguration.queryLimits`.
public struct GatewayLimits: Sendable, Equatable {
    /// Largest request body accepted, in bytes; a larger one is answered 413
    /// (`REQUEST_TOO_LARGE`) without being read to the end. Default 1 MiB.
    public var maxBodyBytes: Int
    /// How long one operation may execute before it is answered with
    /// `extensions.code: "TIMEOUT"`. Default 10 s.
    public var executionTimeout: Duration
    /// Most operations in one batched request (a JSON array body); 0 turns
    /// batching off, the default: an array is then refused with `BATCHING_DISABLED`.
    public var maxBatchSize: Int
    /// Most operations executing at once in this process; more wait in a
    /// queue (`ExecutionGate`). Default 64: executions hold a database thread
    /// only while a command of theirs is on the wire, so more of them than
    /// threads interleave, but not without bound.
    public var maxConcurrentExecutions: Int
    /// Most operations waiting for their turn; when the queue is full the
    /// request is answered 503 `OVERLOADED` with `Retry-After` at once instead
    /// of waiting without limit. Default 256. A queued operation's wait counts
    /// against its execution time limit.
    public var maxQueuedExecutions: Int
    /// Longest request URI accepted on `/graphql`, in bytes; a longer one is
    /// answered 414 (`URI_TOO_LONG`). A GET carries its document (and
    /// variables) in the query string, outside the body limit. Default
    /// 16 KiB: room for a sizeable percent-encoded document, while long ones
    /// belong in a POST. (The HTTP parser refuses a request line or header
    /// over 80 KiB itself, with a bare 400, before anything here runs.)
    public var maxURIBytes: Int
    /// How long a connection may stay open with nothing received: between
    /// requests, and until a request's head has fully arrived (the parser
    /// hands nothing on before that, so a client trickling its headers is
    /// cut off here). It does not run while a response is being worked
    /// out. Default 60 s; behind a load balancer, keep it above the
    /// balancer's own idle timeout, so the balancer closes first.
    public var idleTimeout: Duration
    /// How long a request may take to arrive from its head to the end of its
    /// body (`ConnectionGuard`); then the connection is closed. The idle
    /// timeout restarts with every piece of body received, so this is what
    /// stops a client trickling a body a byte at a time. Default 30 s.
    public var readTimeout: Duration

    public static let defaultMaxBodyBytes = 1 << 20
    public static let defaultExecutionTimeout = Duration.seconds(10)
    public static let defaultMaxURIBytes = 16 << 10
    public static let defaultIdleTimeout = Duration.seconds(60)
    public static let defaultReadTimeout = Duration.seconds(30)
    /// The most `maxURIBytes` may be: below the HTTP parser's own limit on a
    /// request line (80 KiB), so a URI over the limit gets the GraphQL-shaped 414.
    public static let maxMaxURIBytes = 64 << 10

    public init(
        maxBodyBytes: Int = defaultMaxBodyBytes, executionTimeout: Duration = defaultExecutionTimeout,
        maxBatchSize: Int = 0, maxConcurrentExecutions: Int = 64, maxQueuedExecutions: Int = 256,
        maxURIBytes: Int = defaultMaxURIBytes, idleTimeout: Duration = defaultIdleTimeout,
        readTimeout: Duration = defaultReadTimeout
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.executionTimeout = executionTimeout
        self.maxBatchSize = maxBatchSize
        self.maxConcurrentExecutions = max(1, maxConcurrentExecutions)
        self.maxQueuedExecutions = max(0, maxQueuedExecutions)
        self.maxURIBytes = min(max(1, maxURIBytes), Self.maxMaxURIBytes)
        self.idleTimeout = idleTimeout
        self.readTimeout = readTimeout
    }
}
