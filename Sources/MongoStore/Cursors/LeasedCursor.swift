internal import CMongoc
import Synchronization

/// An open libmongoc cursor or change stream with the pooled client it lives on.
/// It keeps its client lease until it is exhausted, fails, is closed, or is
/// released (then closed on a pool thread).
final class LeasedCursor: Sendable {
    enum Kind: Sendable { case cursor, changeStream }

    private struct State {
        var buffer: [BSONDocument] = []
        var position = 0
        var exhausted = false
        var closed = false
        var fetching = false
    }

    let kind: Kind
    private let pool: ClientPool
    private let client: CPointer
    private let collection: CPointer
    private let handle: CPointer  // mongoc_cursor_t or mongoc_change_stream_t
    private let batch: Int
    private let state: Mutex<State>

    private init(kind: Kind, pool: ClientPool, client: CPointer, collection: CPointer, handle: CPointer, batch: Int) {
        self.kind = kind
        self.pool = pool
        self.client = client
        self.collection = collection
        self.handle = handle
        self.batch = batch
        self.state = Mutex(State())
    }

    deinit {
        let closed = state.withLock { $0.closed }
        if !closed {
            let (kind, pool, client, collection, handle) = (kind, pool, client, collection, handle)
            pool.executor.enqueue {
                Self.destroy(kind: kind, pool: pool, client: client, collection: collection, handle: handle)
                pool.leases.release()
            }
        }
    }

    /// Opens a cursor: takes a lease, pops a client and lets `make` create the
    /// libmongoc cursor (or change stream) on a pool thread.
    static func open(
        kind: Kind, pool: ClientPool, namespace: MongoNamespace, batch: Int,
        _ make: @escaping @Sendable (OperationContext, OpaquePointer) throws(MongoError) -> OpaquePointer
    ) async throws(MongoError) -> LeasedCursor {
        try await pool.leases.acquire()
        do throws(MongoError) {
            let (client, collection, handle) = try await pool.executor.run {
                () throws(MongoError) -> (CPointer, CPointer, CPointer) in
                let client = pool.pop()
                // The collection handle must outlive the cursor, so it is not the context's.
                let collection = mongoc_client_get_collection(client, namespace.database, namespace.collection)!
                do throws(MongoError) {
                    let handle = try make(OperationContext(client: client, session: nil), collection)
                    if kind == .changeStream {
                        var error = bson_error_t()
                        var reply: OpaquePointer?
                        if mongoc_change_stream_error_document(handle, &error, &reply) {
                            let replyDocument = reply.flatMap { try? BSONDocument(bson: $0) }
                            mongoc_change_stream_destroy(handle)
                            throw MongoError(error, reply: replyDocument)
                        }
                    }
                    return (CPointer(client), CPointer(collection), CPointer(handle))
                } catch {
                    mongoc_collection_destroy(collection)
                    pool.push(client)
                    throw error
                }
            }
            return LeasedCursor(
                kind: kind, pool: pool, client: client, collection: collection, handle: handle, batch: batch)
        } catch {
            pool.leases.release()
            throw error
        }
    }

    private static func destroy(kind: Kind, pool: ClientPool, client: CPointer, collection: CPointer, handle: CPointer)
    {
        switch kind {
        case .cursor: mongoc_cursor_destroy(handle.raw)
        case .changeStream: mongoc_change_stream_destroy(handle.raw)
        }
        mongoc_collection_destroy(collection.raw)
        pool.push(client.raw)
    }

    /// The next document; nil at the end (for a change stream: when the task is
    /// cancelled or the stream is closed). Iterate from one task at a time.
    func next() async throws(MongoError) -> BSONDocument? {
        switch try await advance(reportingIdle: false) {
        case .document(let document): return document
        case .idle, .end: return nil
        }
    }

    /// What one step of ``advance(reportingIdle:)`` brought.
    enum Step: Sendable {
        case document(BSONDocument)
        /// A change stream's server round trip came back without an event.
        case idle
        case end
    }

    /// The next document, or, when `reportingIdle` (change streams only), `.idle`
    /// as soon as a round trip to the server returns no event.
    func advance(reportingIdle: Bool) async throws(MongoError) -> Step {
        while true {
            let buffered: BSONDocument?? = try state.withLock { (s: inout State) throws(MongoError) -> BSONDocument?? in
                if s.position < s.buffer.count {
                    s.position += 1
                    return .some(s.buffer[s.position - 1])
                }
                if s.exhausted || s.closed { return .some(nil) }
                if s.fetching { throw MongoError.invalidArgument("a cursor iterated from two tasks at once") }
                s.fetching = true
                return nil
            }
            if let buffered { return buffered.map { .document($0) } ?? .end }
            if kind == .changeStream && Task.isCancelled {
                state.withLock { $0.fetching = false }
                await close()
                return .end
            }
            let (kind, handle, batch) = (self.kind, self.handle, self.batch)
            RoundTripCounter.countOne()
            let fetched: Result<(documents: [BSONDocument], exhausted: Bool), MongoError> = await pool.executor
                .runResult {
                    () throws(MongoError) -> (documents: [BSONDocument], exhausted: Bool) in
                    switch kind {
                    case .cursor: return try OperationContext.read(cursor: handle.raw, limit: batch)
                    case .changeStream: return try Self.readChange(handle.raw)
                    }
                }
            state.withLock { s in
                s.fetching = false
                switch fetched {
                case .success(let page):
                    s.buffer = page.documents
                    s.position = 0
                    s.exhausted = page.exhausted
                case .failure:
                    s.buffer = []
                    s.position = 0
                    s.exhausted = true
                }
            }
            if case .failure(let error) = fetched {
                await close()
                throw error
            }
            let done = state.withLock { $0.exhausted && $0.position >= $0.buffer.count }
            if done {
                await close()
                return .end
            }
            if reportingIdle, kind == .changeStream, case .success(let page) = fetched, page.documents.isEmpty {
                return .idle
            }
        }
    }

    /// One change event, or none when the server's await time passed without one.
    private static func readChange(_ stream: OpaquePointer) throws(MongoError) -> (
        documents: [BSONDocument], exhausted: Bool
    ) {
        var event: OpaquePointer?
        if mongoc_change_stream_next(stream, &event), let event {
            do { return ([try BSONDocument(bson: event)], false) } catch { throw .decoding(error) }
        }
        var error = bson_error_t()
        var reply: OpaquePointer?
        if mongoc_change_stream_error_document(stream, &error, &reply) {
            throw MongoError(error, reply: reply.flatMap { try? BSONDocument(bson: $0) })
        }
        return ([], false)
    }

    /// The change stream's resume token: where to pick up after a restart.
    func resumeToken() async -> BSONDocument? {
        guard kind == .changeStream, !state.withLock({ $0.closed }) else { return nil }
        let handle = self.handle
        return try? await pool.executor.run { () -> BSONDocument? in
            guard let token = mongoc_change_stream_get_resume_token(handle.raw) else { return nil }
            return try? BSONDocument(bson: token)
        }
    }

    /// Frees the cursor and returns the client; later `next()` calls return nil.
    func close() async {
        let wasClosed = state.withLock { s -> Bool in
            defer { s.closed = true }
            return s.closed
        }
        guard !wasClosed else { return }
        let (kind, pool, client, collection, handle) = (kind, pool, client, collection, handle)
        try? await pool.executor.run { () throws(MongoError) in
            Self.destroy(kind: kind, pool: pool, client: client, collection: collection, handle: handle)
        }
        pool.leases.release()
    }
}

extension BlockingExecutor {
    /// Like `run`, with the outcome as a value.
    func runResult<R: Sendable>(_ body: @escaping @Sendable () throws(MongoError) -> R) async -> Result<R, MongoError> {
        do { return .success(try await run(body)) } catch { return .failure(error) }
    }
}
