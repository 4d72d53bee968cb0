internal import CMongoc
import Synchronization

/// An open libmongoc cursor or change stream with the pooled client it lives on.
/// It keeps its client lease until it is exhausted, fails, is closed, or is
/// released (then closed on a pool thread).
///
/// A libmongoc cursor and its client may be used by one thread at a time, so
/// the handle is touched only by the fetch in flight or by the one release,
/// never both: `close()` while `next()` waits inside libmongoc (a change
/// stream's await, up to `maxAwaitTimeMS`) only marks the cursor closed and
/// waits; the fetch, back from libmongoc, destroys the handle and returns the
/// client, then wakes the closer. `resumeToken()` does not call libmongoc at
/// all: the token is read right after each fetch, on the fetch's own thread,
/// and kept.
final class LeasedCursor: Sendable {
    enum Kind: Sendable { case cursor, changeStream }

    private struct State {
        var buffer: [BSONDocument] = []
        var position = 0
        var exhausted = false
        /// No fetch starts any more; `next()` answers nil once the buffer is read.
        var closed = false
        /// A fetch is inside libmongoc with the handle.
        var fetching = false
        /// The handle is being destroyed (by the fetch that returned, or a closer).
        var releasing = false
        /// The handle is destroyed and the lease returned.
        var released = false
        /// Closers waiting for `released`.
        var closers: [CheckedContinuation<Void, Never>] = []
        /// A change stream's resume token as of the last fetch (or the open).
        var resumeToken: BSONDocument?
    }

    /// What a fetch brought back: documents, whether the cursor is exhausted,
    /// and (for a change stream) the resume token after them.
    private typealias Page = (documents: [BSONDocument], exhausted: Bool, resumeToken: BSONDocument?)

    let kind: Kind
    private let pool: ClientPool
    private let client: CPointer
    private let collection: CPointer
    private let handle: CPointer  // mongoc_cursor_t or mongoc_change_stream_t
    private let batch: Int
    private let state: Mutex<State>

    private init(
        kind: Kind, pool: ClientPool, client: CPointer, collection: CPointer, handle: CPointer, batch: Int,
        resumeToken: BSONDocument?
    ) {
        self.kind = kind
        self.pool = pool
        self.client = client
        self.collection = collection
        self.handle = handle
        self.batch = batch
        self.state = Mutex(State(resumeToken: resumeToken))
    }

    deinit {
        // Nothing can be fetching or releasing: both hold a reference.
        let released = state.withLock { $0.released }
        if !released {
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
            let (client, collection, handle, token) = try await pool.executor.run {
                () throws(MongoError) -> (CPointer, CPointer, CPointer, BSONDocument?) in
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
                    let token = kind == .changeStream ? Self.currentResumeToken(handle) : nil
                    return (CPointer(client), CPointer(collection), CPointer(handle), token)
                } catch {
                    mongoc_collection_destroy(collection)
                    pool.push(client)
                    throw error
                }
            }
            return LeasedCursor(
                kind: kind, pool: pool, client: client, collection: collection, handle: handle, batch: batch,
                resumeToken: token)
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
    /// cancelled or the stream is closed, also by `close()` from another task
    /// while this one waits). Iterate from one task at a time.
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
                await finishFetch()
                await close()
                return .end
            }
            let (kind, handle, batch) = (self.kind, self.handle, self.batch)
            RoundTripCounter.countOne()
            let fetched: Result<Page, MongoError> = await pool.executor.runResult {
                [self] () throws(MongoError) -> Page in
                // Closed while this job waited for a thread: leave the handle to the release.
                if state.withLock({ $0.closed }) { return ([], true, nil) }
                switch kind {
                case .cursor:
                    let page = try OperationContext.read(cursor: handle.raw, limit: batch)
                    return (page.documents, page.exhausted, nil)
                case .changeStream:
                    return try Self.readChange(handle.raw)
                }
            }
            state.withLock { s in
                switch fetched {
                case .success(let page):
                    s.buffer = page.documents
                    s.position = 0
                    s.exhausted = page.exhausted
                    if let token = page.resumeToken { s.resumeToken = token }
                case .failure:
                    s.buffer = []
                    s.position = 0
                    s.exhausted = true
                }
            }
            // Back from libmongoc: a close that came meanwhile is carried out here.
            await finishFetch()
            if case .failure(let error) = fetched {
                await close()
                throw error
            }
            let done = state.withLock { ($0.exhausted || $0.closed) && $0.position >= $0.buffer.count }
            if done {
                await close()
                return .end
            }
            if reportingIdle, kind == .changeStream, case .success(let page) = fetched, page.documents.isEmpty {
                return .idle
            }
        }
    }

    /// Ends the fetch in flight; if the cursor was closed meanwhile, releases
    /// the handle now that nothing else uses it (and wakes the closers).
    private func finishFetch() async {
        let release = state.withLock { s -> Bool in
            s.fetching = false
            guard s.closed, !s.releasing, !s.released else { return false }
            s.releasing = true
            return true
        }
        if release { await releaseHandle() }
    }

    /// One change event, or none when the server's await time passed without
    /// one, with the resume token after it (read on the same thread, so
    /// `resumeToken()` never needs the handle).
    private static func readChange(_ stream: OpaquePointer) throws(MongoError) -> Page {
        var event: OpaquePointer?
        if mongoc_change_stream_next(stream, &event), let event {
            let document: BSONDocument
            do { document = try BSONDocument(bson: event) } catch { throw .decoding(error) }
            return ([document], false, currentResumeToken(stream))
        }
        var error = bson_error_t()
        var reply: OpaquePointer?
        if mongoc_change_stream_error_document(stream, &error, &reply) {
            throw MongoError(error, reply: reply.flatMap { try? BSONDocument(bson: $0) })
        }
        return ([], false, currentResumeToken(stream))
    }

    /// libmongoc's resume token for `stream` now (on the thread using it).
    private static func currentResumeToken(_ stream: OpaquePointer) -> BSONDocument? {
        guard let token = mongoc_change_stream_get_resume_token(stream) else { return nil }
        return try? BSONDocument(bson: token)
    }

    /// The change stream's resume token: where to pick up after a restart. It
    /// is the one libmongoc had after the last event (or empty wait) fetched,
    /// kept by that fetch, so asking never touches the handle a fetch may be
    /// using. Nil once closed, and for a plain cursor.
    func resumeToken() async -> BSONDocument? {
        guard kind == .changeStream else { return nil }
        return state.withLock { $0.closed ? nil : $0.resumeToken }
    }

    /// Frees the cursor and returns the client; later `next()` calls return
    /// nil. While a `next()` is inside libmongoc with the handle, waits for it
    /// to come back (at most a change stream's `maxAwaitTimeMS`), which then
    /// frees the handle: two threads never use it at once.
    func close() async {
        enum Step { case done, wait, release }
        let step = state.withLock { s -> Step in
            s.closed = true
            if s.released { return .done }
            if s.fetching || s.releasing { return .wait }
            s.releasing = true
            return .release
        }
        switch step {
        case .done: return
        case .release: await releaseHandle()
        case .wait:
            await withCheckedContinuation { (closer: CheckedContinuation<Void, Never>) in
                let now = state.withLock { s -> Bool in
                    if s.released { return true }
                    s.closers.append(closer)
                    return false
                }
                if now { closer.resume() }
            }
        }
    }

    /// Destroys the handle on a pool thread, returns the lease, and wakes
    /// whoever waits in `close()`. Called once (`releasing` says who).
    private func releaseHandle() async {
        let (kind, pool, client, collection, handle) = (kind, pool, client, collection, handle)
        try? await pool.executor.run { () throws(MongoError) in
            Self.destroy(kind: kind, pool: pool, client: client, collection: collection, handle: handle)
        }
        pool.leases.release()
        let closers = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.released = true
            s.releasing = false
            defer { s.closers = [] }
            return s.closers
        }
        for closer in closers { closer.resume() }
    }
}

extension BlockingExecutor {
    /// Like `run`, with the outcome as a value.
    func runResult<R: Sendable>(_ body: @escaping @Sendable () throws(MongoError) -> R) async -> Result<R, MongoError> {
        do { return .success(try await run(body)) } catch { return .failure(error) }
    }
}
