internal import CMongoc
internal import Logging

/// libmongoc's global state, initialised once per process (Swift runs a global's
/// initialiser exactly once, thread-safely). Its log goes to swift-log.
let mongocGlobalInit: Void = {
    mongoc_init()
    mongoc_log_set_handler(
        { level, domain, message, _ in
            let text = message.map { String(cString: $0) } ?? ""
            let area = domain.map { String(cString: $0) } ?? "mongoc"
            switch level {
            case MONGOC_LOG_LEVEL_ERROR, MONGOC_LOG_LEVEL_CRITICAL:
                mongocLogger.error("\(area): \(text)")
            case MONGOC_LOG_LEVEL_WARNING:
                mongocLogger.warning("\(area): \(text)")
            default:
                break  // libmongoc's info/debug/trace chatter stays out of our logs
            }
        }, nil)
}()

let mongocLogger = Logger(label: "MongoStore.libmongoc")

/// The libmongoc client pool, the threads that make its blocking calls, and the
/// leases that keep those threads from ever waiting for a client.
final class ClientPool: Sendable {
    private let pool: CPointer  // mongoc_client_pool_t
    private let uri: CPointer  // mongoc_uri_t
    let executor: BlockingExecutor
    let leases: ClientLeases
    let size: Int
    /// The socket timeout in effect (the configuration's, the URI's or the default).
    let socketTimeoutMS: Int

    init(_ configuration: MongoClientConfiguration) throws(MongoError) {
        _ = mongocGlobalInit
        var error = bson_error_t()
        guard let uri = mongoc_uri_new_with_error(configuration.uri, &error) else {
            throw MongoError(code: .invalidArgument, detail: "invalid MongoDB URI: \(MongoError.message(of: error))")
        }
        func apply(_ key: String, _ configured: Int?, _ fallback: Int) {
            if let configured {
                mongoc_uri_set_option_as_int32(uri, key, Int32(clamping: configured))
            } else if !mongoc_uri_has_option(uri, key) {
                mongoc_uri_set_option_as_int32(uri, key, Int32(clamping: fallback))
            }
        }
        typealias C = MongoClientConfiguration
        apply(
            MONGOC_URI_SERVERSELECTIONTIMEOUTMS, configuration.serverSelectionTimeoutMS,
            C.defaultServerSelectionTimeoutMS)
        apply(MONGOC_URI_CONNECTTIMEOUTMS, configuration.connectTimeoutMS, C.defaultConnectTimeoutMS)
        apply(
            MONGOC_URI_SOCKETTIMEOUTMS, configuration.socketTimeoutMS,
            configuration.longestOperation.map(C.socketTimeoutMS(covering:)) ?? C.defaultSocketTimeoutMS)
        apply(MONGOC_URI_MAXPOOLSIZE, configuration.maxPoolSize, C.defaultMaxPoolSize)
        if !mongoc_uri_has_option(uri, MONGOC_URI_APPNAME) {
            _ = mongoc_uri_set_appname(uri, configuration.appName)
        }
        let size = max(1, Int(mongoc_uri_get_option_as_int32(uri, MONGOC_URI_MAXPOOLSIZE, Int32(C.defaultMaxPoolSize))))
        guard let pool = mongoc_client_pool_new_with_error(uri, &error) else {
            mongoc_uri_destroy(uri)
            throw MongoError(
                code: .invalidArgument, detail: "cannot create client pool: \(MongoError.message(of: error))")
        }
        // Version 2: errors the server returned carry domain MONGOC_ERROR_SERVER and its code.
        _ = mongoc_client_pool_set_error_api(pool, 2)
        self.pool = CPointer(pool)
        self.uri = CPointer(uri)
        self.size = size
        self.socketTimeoutMS = Int(mongoc_uri_get_option_as_int32(uri, MONGOC_URI_SOCKETTIMEOUTMS, 0))
        self.executor = BlockingExecutor(threads: size)
        self.leases = ClientLeases(count: size)
    }

    deinit {
        // Every job, cursor and session retains this pool, so none is left: all
        // clients are back. The threads exit when the executor goes (tasks that
        // prefer it may outlive the pool).
        mongoc_client_pool_destroy(pool.raw)
        mongoc_uri_destroy(uri.raw)
    }

    /// Pops a client; only call on a pool thread while holding a lease.
    func pop() -> OpaquePointer {
        // With a lease held a client is free, so this returns at once.
        mongoc_client_pool_pop(pool.raw)
    }

    func push(_ client: OpaquePointer) {
        mongoc_client_pool_push(pool.raw, client)
    }

    /// Runs one operation on a pool thread with a pooled client, or on the
    /// session's own client when `session` is given.
    func withClient<R: Sendable>(
        session: MongoSession?,
        _ body: @escaping @Sendable (OperationContext) throws(MongoError) -> R
    ) async throws(MongoError) -> R {
        // A command that would start after its deadline is not sent at all.
        _ = try MongoDeadline.remainingMilliseconds()
        RoundTripCounter.countOne()
        if let session { return try await session.run(body) }
        try await leases.acquire()
        defer { leases.release() }
        return try await executor.run { () throws(MongoError) -> R in
            let client = self.pop()
            defer { self.push(client) }
            let context = OperationContext(client: client, session: nil)
            return try body(context)
        }
    }
}
