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

    public static let defaultMaxBodyBytes = 1 << 20
    public static let defaultExecutionTimeout = Duration.seconds(10)

    public init(
        maxBodyBytes: Int = defaultMaxBodyBytes, executionTimeout: Duration = defaultExecutionTimeout,
        maxBatchSize: Int = 0, maxConcurrentExecutions: Int = 64, maxQueuedExecutions: Int = 256
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.executionTimeout = executionTimeout
        self.maxBatchSize = maxBatchSize
        self.maxConcurrentExecutions = max(1, maxConcurrentExecutions)
        self.maxQueuedExecutions = max(0, maxQueuedExecutions)
    }
}
