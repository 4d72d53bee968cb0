internal import CMongoc
import Synchronization

/// A logical session (causal consistency, transactions) bound to one pooled
/// client for its lifetime. Operations given this session run on that client,
/// one at a time (a lock serialises them, since a libmongoc client is not
/// thread-safe). Call ``end()`` when done; ``MongoClient/withTransaction(_:)``
/// does it for you.
public final class MongoSession: Sendable {
    let pool: ClientPool
    private let client: CPointer
    private let session: CPointer
    /// Whether the session has ended; the lock also serialises the operations.
    private let ended = Mutex(false)

    init(pool: ClientPool, client: CPointer, session: CPointer) {
        self.pool = pool
        self.client = client
        self.session = session
    }

    deinit {
        let wasEnded = ended.withLock { $0 }
        if !wasEnded {
            let (pool, client, session) = (pool, client, session)
            pool.executor.enqueue {
                mongoc_client_session_destroy(session.raw)
                pool.push(client.raw)
                pool.leases.release()
            }
        }
    }

    /// Starts a session on its own pooled client (holding one lease until ``end()``).
    static func start(pool: ClientPool) async throws(MongoError) -> MongoSession {
        try await pool.leases.acquire()
        do {
            let (client, session) = try await pool.executor.run { () throws(MongoError) -> (CPointer, CPointer) in
                let client = pool.pop()
                var error = bson_error_t()
                guard let session = mongoc_client_start_session(client, nil, &error) else {
                    pool.push(client)
                    throw MongoError(error)
                }
                return (CPointer(client), CPointer(session))
            }
            return MongoSession(pool: pool, client: client, session: session)
        } catch {
            pool.leases.release()
            throw error
        }
    }

    /// Runs one operation on the session's client.
    func run<R: Sendable>(_ body: @escaping @Sendable (OperationContext) throws(MongoError) -> R)
        async throws(MongoError) -> R
    {
        try await pool.executor.run { () throws(MongoError) -> R in
            try self.ended.withLock { (ended: inout Bool) throws(MongoError) -> R in
                guard !ended else { throw MongoError(code: .invalidArgument, detail: "session used after end()") }
                let context = OperationContext(client: self.client.raw, session: self.session.raw)
                return try body(context)
            }
        }
    }

    /// Whether a transaction is open on this session.
    public var inTransaction: Bool {
        get async {
            (try? await run { _ in mongoc_client_session_in_transaction(self.session.raw) }) ?? false
        }
    }

    /// Begins a multi-document transaction (default read/write concerns).
    public func startTransaction() async throws(MongoError) {
        try await run { _ throws(MongoError) in
            var error = bson_error_t()
            guard mongoc_client_session_start_transaction(self.session.raw, nil, &error) else {
                throw MongoError(error)
            }
        }
    }

    /// Commits the open transaction.
    public func commitTransaction() async throws(MongoError) {
        try await run { context throws(MongoError) in
            _ = try context.call { reply, error in
                mongoc_client_session_commit_transaction(self.session.raw, reply, &error)
            }
        }
    }

    /// Aborts the open transaction, discarding its writes.
    public func abortTransaction() async throws(MongoError) {
        try await run { _ throws(MongoError) in
            var error = bson_error_t()
            guard mongoc_client_session_abort_transaction(self.session.raw, &error) else { throw MongoError(error) }
        }
    }

    /// Ends the session (aborting an open transaction) and returns its client.
    public func end() async {
        let pool = self.pool
        let (client, session) = (self.client, self.session)
        let alreadyEnded: Bool =
            (try? await pool.executor.run { () -> Bool in
                self.ended.withLock { ended in
                    if ended { return true }
                    ended = true
                    mongoc_client_session_destroy(session.raw)
                    pool.push(client.raw)
                    return false
                }
            }) ?? true
        if !alreadyEnded { pool.leases.release() }
    }
}

extension MongoClient {
    /// Starts a session; call ``MongoSession/end()`` when done with it.
    public func startSession() async throws(MongoError) -> MongoSession {
        try await MongoSession.start(pool: pool)
    }

    /// Runs `body` in a transaction and commits it (``MongoSession/transaction(pool:maxAttempts:isolation:_:)``).
    /// https://www.mongodb.com/docs/manual/core/transactions-in-applications/
    public func withTransaction<R: Sendable>(
        maxAttempts: Int = 5,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (MongoSession) async throws -> R
    ) async throws -> R {
        try await MongoSession.transaction(pool: pool, maxAttempts: maxAttempts, isolation: isolation, body)
    }
}

extension MongoDatabase {
    /// Runs `body` in a transaction on this database's server and commits it:
    /// what a caller holding only a database handle (a request's context)
    /// uses for a multi-document write. The session is not tied to this
    /// database; pass it to every operation that belongs to the transaction.
    public func withTransaction<R: Sendable>(
        maxAttempts: Int = 5,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (MongoSession) async throws -> R
    ) async throws -> R {
        try await MongoSession.transaction(pool: pool, maxAttempts: maxAttempts, isolation: isolation, body)
    }
}

extension MongoSession {
    /// Whether a failure inside a transaction is worth running the whole
    /// transaction again: the server labels it `TransientTransactionError`
    /// (write conflicts, elections), or it is a write conflict (code 112)
    /// reported without the label.
    static func isTransient(_ error: any Error) -> Bool {
        guard let mongo = error as? MongoError else { return false }
        return mongo.hasLabel("TransientTransactionError") || mongo.serverCode == 112
    }

    /// Runs `body` in a transaction on a session of its own and commits it.
    /// The whole transaction is retried when it fails transiently
    /// (``isTransient(_:)``), and the commit alone is retried on
    /// `UnknownTransactionCommitResult`, up to `maxAttempts` times each; any
    /// other error aborts the transaction and is rethrown. The session is
    /// ended in every case.
    /// https://www.mongodb.com/docs/manual/core/transactions-in-applications/
    static func transaction<R: Sendable>(
        pool: ClientPool,
        maxAttempts: Int,
        isolation: isolated (any Actor)?,
        _ body: (MongoSession) async throws -> R
    ) async throws -> R {
        let session = try await MongoSession.start(pool: pool)
        var attempt = 0
        while true {
            attempt += 1
            do {
                try await session.startTransaction()
            } catch {
                await session.end()
                throw error
            }
            let result: R
            do {
                result = try await body(session)
            } catch {
                try? await session.abortTransaction()
                if isTransient(error), attempt < maxAttempts {
                    await backOff(attempt: attempt)
                    continue
                }
                await session.end()
                throw error
            }
            var commitAttempt = 0
            var retryWhole = false
            while true {
                commitAttempt += 1
                do {
                    try await session.commitTransaction()
                    await session.end()
                    return result
                } catch {
                    if error.hasLabel("UnknownTransactionCommitResult"), commitAttempt < maxAttempts { continue }
                    if isTransient(error), attempt < maxAttempts {
                        retryWhole = true
                        break
                    }
                    await session.end()
                    throw error
                }
            }
            if retryWhole {
                await backOff(attempt: attempt)
                continue
            }
        }
    }

    /// A short, growing, jittered pause before running a transaction again, so
    /// that two that conflicted do not meet again at once while the other one
    /// is still committing.
    static func backOff(attempt: Int) async {
        let milliseconds = Int.random(in: 5...20) * attempt
        try? await Task.sleep(for: .milliseconds(milliseconds))
    }
}
