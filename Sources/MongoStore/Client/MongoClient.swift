/// The entry point: a pool of libmongoc clients behind an async API.
///
/// ```swift
/// let client = try MongoClient(uri: "mongodb://127.0.0.1:27017")
/// let rescues = client.database("supportcarr").collection("rescues")
/// let open = try await rescues.find(["status": "pending"], options: FindOptions(limit: 20))
/// ```
///
/// Every operation borrows one pooled client for its duration and makes its
/// blocking libmongoc calls on a dedicated thread (never the Swift cooperative
/// pool). libmongoc monitors the servers in the background and reconnects, so
/// after the database restarts the next operation succeeds without a new client.
public final class MongoClient: Sendable {
    let pool: ClientPool
    public let configuration: MongoClientConfiguration

    public init(_ configuration: MongoClientConfiguration) throws(MongoError) {
        self.configuration = configuration
        self.pool = try ClientPool(configuration)
    }

    /// A client for `uri` with the default pool size and timeouts.
    public convenience init(uri: String) throws(MongoError) {
        try self.init(MongoClientConfiguration(uri: uri))
    }

    /// The number of pooled clients (and of blocking threads).
    public var poolSize: Int { pool.size }

    /// How long a socket read or write may block, in milliseconds, as applied.
    public var socketTimeoutMS: Int { pool.socketTimeoutMS }

    /// The threads that make the blocking calls, as a task executor. Work that
    /// makes many database calls in a row runs faster on it: each call then
    /// blocks the thread it is on (one of these) instead of hopping to one and
    /// back, which costs two thread wake-ups per call.
    ///
    /// ```swift
    /// let page = try await withTaskExecutorPreference(client.taskExecutor) {
    ///     try await rescues.find(["status": "pending"], options: FindOptions(limit: 20))
    /// }
    /// ```
    ///
    /// Only for work whose waits are database calls or awaits that suspend:
    /// CPU-heavy work there competes with the database calls for the threads.
    public var taskExecutor: any TaskExecutor { pool.executor }

    /// A handle on a database; no I/O.
    public func database(_ name: String) -> MongoDatabase {
        MongoDatabase(name: name, pool: pool)
    }

    /// Round trip to the server (`ping` command): fails when it is unreachable.
    public func ping() async throws(MongoError) {
        _ = try await database("admin").runCommand(["ping": 1])
    }
}
