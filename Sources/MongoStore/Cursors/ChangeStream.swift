internal import CMongoc

/// Options of a change stream: https://www.mongodb.com/docs/manual/changeStreams/
public struct ChangeStreamOptions: Sendable {
    /// "updateLookup" to receive the whole document with update events.
    public var fullDocument: String?
    /// Resume after this event's `_id` (its resume token).
    public var resumeAfter: BSONDocument?
    /// How long each server round trip waits for new events (default 1000 ms);
    /// also how quickly a cancelled iteration notices.
    public var maxAwaitTimeMS: Int
    public var batchSize: Int?

    public init(
        fullDocument: String? = nil, resumeAfter: BSONDocument? = nil, maxAwaitTimeMS: Int = 1000, batchSize: Int? = nil
    ) {
        self.fullDocument = fullDocument
        self.resumeAfter = resumeAfter
        self.maxAwaitTimeMS = maxAwaitTimeMS
        self.batchSize = batchSize
    }

    var document: BSONDocument {
        var opts: BSONDocument = ["maxAwaitTimeMS": .int64(Int64(maxAwaitTimeMS))]
        if let fullDocument { opts["fullDocument"] = .string(fullDocument) }
        if let resumeAfter { opts["resumeAfter"] = .document(resumeAfter) }
        if let batchSize { opts["batchSize"] = .int64(Int64(batchSize)) }
        return opts
    }
}

/// Change events of a collection as they happen (`operationType`,
/// `fullDocument`, `documentKey`, `updateDescription`...). Iteration waits for
/// events and ends only when the task is cancelled, the stream is closed, or it
/// fails. libmongoc resumes it once after a transient network error. It holds a
/// pooled client until closed; iterate it from one task.
public struct ChangeStream: AsyncSequence, Sendable {
    public typealias Element = BSONDocument
    let cursor: LeasedCursor

    public struct AsyncIterator: AsyncIteratorProtocol {
        let cursor: LeasedCursor
        public mutating func next() async throws -> BSONDocument? {
            try await cursor.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(cursor: cursor) }

    /// The next event, or `.idle` when a round trip to the server (a `getMore`
    /// that waits up to `maxAwaitTimeMS`) came back without one; nil at the
    /// end, as for iteration. A quiet collection then still shows that the
    /// stream answers, so a reader that must bound its staleness can tell it
    /// from a stream that stopped answering (a silent network hangs a read
    /// until the socket timeout); after `.idle`, ``resumeToken()`` is the
    /// server's post-batch token. Shares the iterator's cursor: one task at a time.
    public func nextStep() async throws(MongoError) -> ChangeStreamStep? {
        switch try await cursor.advance(reportingIdle: true) {
        case .document(let event): return .event(event)
        case .idle: return .idle
        case .end: return nil
        }
    }

    /// The token to resume after the last event seen.
    public func resumeToken() async -> BSONDocument? { await cursor.resumeToken() }

    /// Stops the stream and returns its client.
    public func close() async { await cursor.close() }
}

/// One step of a ``ChangeStream`` read with ``ChangeStream/nextStep()``.
public enum ChangeStreamStep: Sendable {
    /// A change event (`operationType`, `documentKey`, `fullDocument`...; its `_id` is its resume token).
    case event(BSONDocument)
    /// The server's await time passed without an event.
    case idle
}

extension MongoCollection {
    /// Opens a change stream on this collection; events after this call returns
    /// are delivered. `pipeline` filters or reshapes them (`[["$match": ["operationType": "insert"]]]`).
    public func watch(_ pipeline: [BSONDocument] = [], options: ChangeStreamOptions = ChangeStreamOptions())
        async throws(MongoError) -> ChangeStream
    {
        let opts = options.document
        let cursor = try await LeasedCursor.open(kind: .changeStream, pool: pool, namespace: namespace, batch: 1) {
            context, collection throws(MongoError) in
            let stages = try context.bson(["pipeline": .array(pipeline.map { .document($0) })])
            return mongoc_collection_watch(collection, stages, try context.bson(opts))!
        }
        return ChangeStream(cursor: cursor)
    }
}
