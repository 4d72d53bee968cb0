internal import CMongoc

/// A collection handle: cheap to make, holds no connection. Every operation
/// takes an optional ``MongoSession`` (for transactions); without one it borrows
/// a pooled client for its duration.
public struct MongoCollection: Sendable {
    let namespace: MongoNamespace
    let pool: ClientPool

    public var name: String { namespace.collection }
    public var databaseName: String { namespace.database }

    /// The database this collection is in.
    public var database: MongoDatabase { MongoDatabase(name: namespace.database, pool: pool) }

    /// Runs a job with this collection's libmongoc handle, measured as
    /// `command` when the task has a ``CommandInstrumentation``.
    ///
    /// - Parameter documents: how many documents the result holds, for the command's span.
    func perform<R: Sendable>(
        _ command: MongoCommandName, session: MongoSession?, documents: (R) -> Int? = { _ in nil },
        _ body: @escaping @Sendable (OperationContext, OpaquePointer) throws(MongoError) -> R
    ) async throws(MongoError) -> R {
        let (namespace, pool) = (self.namespace, self.pool)
        let run = { () async throws(MongoError) -> R in
            try await pool.withClient(session: session) { context throws(MongoError) in
                try body(context, context.collection(namespace))
            }
        }
        guard let instrumentation = CommandInstrumentation.current else { return try await run() }
        return try await instrumentation.measure(
            command, database: namespace.database, collection: namespace.collection, documents: documents, run)
    }

    // MARK: Reads

    /// Every document matching `filter`, read to the end.
    public func find(
        _ filter: BSONDocument = [:], options: FindOptions = FindOptions(), session: MongoSession? = nil
    ) async throws(MongoError) -> [BSONDocument] {
        let opts = try MongoDeadline.readOptions(options.document)
        let skipped = options.skippedFields
        return try await perform(.find, session: session, documents: \.count) {
            context, collection throws(MongoError) in
            let cursor = mongoc_collection_find_with_opts(
                collection, try context.bson(filter), try context.opts(opts), nil)!
            defer { mongoc_cursor_destroy(cursor) }
            return try OperationContext.read(cursor: cursor, skipping: skipped).documents
        }
    }

    /// The first document matching `filter` (in `sort` order when given), or nil.
    public func findOne(
        _ filter: BSONDocument = [:], options: FindOptions = FindOptions(), session: MongoSession? = nil
    ) async throws(MongoError) -> BSONDocument? {
        var options = options
        options.limit = 1
        var opts = options.document
        opts["singleBatch"] = true
        let findOpts = try MongoDeadline.readOptions(opts)
        let skipped = options.skippedFields
        return try await perform(.find, session: session, documents: { $0 == nil ? 0 : 1 }) {
            context, collection throws(MongoError) in
            let cursor = mongoc_collection_find_with_opts(
                collection, try context.bson(filter), try context.opts(findOpts), nil)!
            defer { mongoc_cursor_destroy(cursor) }
            return try OperationContext.read(cursor: cursor, limit: 1, skipping: skipped).documents.first
        }
    }

    /// The number of documents matching `filter` (an aggregation on the server,
    /// exact, unlike the metadata count). `skip`/`limit` bound the count.
    public func countDocuments(
        _ filter: BSONDocument = [:], skip: Int? = nil, limit: Int? = nil, session: MongoSession? = nil
    ) async throws(MongoError) -> Int {
        var opts = BSONDocument()
        if let skip { opts["skip"] = .int64(Int64(skip)) }
        if let limit { opts["limit"] = .int64(Int64(limit)) }
        let countOpts = try MongoDeadline.readOptions(opts)
        return try await perform(.count, session: session) { context, collection throws(MongoError) in
            let filterBSON = try context.bson(filter)
            let optsBSON = try context.opts(countOpts)
            var count: Int64 = -1
            _ = try context.call { reply, error in
                count = mongoc_collection_count_documents(collection, filterBSON, optsBSON, nil, reply, &error)
                return count >= 0
            }
            return Int(count)
        }
    }

    /// Runs an aggregation pipeline and reads every result document.
    public func aggregate(
        _ pipeline: [BSONDocument], options: AggregateOptions = AggregateOptions(), session: MongoSession? = nil
    ) async throws(MongoError) -> [BSONDocument] {
        let opts = try MongoDeadline.readOptions(options.document)
        return try await perform(.aggregate, session: session, documents: \.count) {
            context, collection throws(MongoError) in
            let stages = try context.bson(["pipeline": .array(pipeline.map { .document($0) })])
            let cursor = mongoc_collection_aggregate(
                collection, MONGOC_QUERY_NONE, stages, try context.opts(opts), nil)!
            defer { mongoc_cursor_destroy(cursor) }
            return try OperationContext.read(cursor: cursor).documents
        }
    }

    /// The distinct values of `key` among documents matching `filter`.
    public func distinct(_ key: String, filter: BSONDocument = [:], session: MongoSession? = nil)
        async throws(MongoError) -> [BSONValue]
    {
        var command: BSONDocument = ["distinct": .string(name), "key": .string(key), "query": .document(filter)]
        if let milliseconds = try MongoDeadline.remainingMilliseconds() { command["maxTimeMS"] = .int64(milliseconds) }
        let reply = try await database.runCommand(command, session: session)
        guard case .array(let values)? = reply["values"] else {
            throw MongoError(code: .decoding, detail: "distinct reply without values")
        }
        return values
    }
}
