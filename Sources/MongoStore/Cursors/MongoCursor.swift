internal import CMongoc

/// The documents of a `find` or `aggregate`, fetched a batch per round trip as
/// you iterate. The cursor holds one pooled client until it is exhausted or
/// ``close()``d (dropping it also closes it). Iterate it once, from one task.
public struct MongoCursor: AsyncSequence, Sendable {
    public typealias Element = BSONDocument
    let cursor: LeasedCursor

    public struct AsyncIterator: AsyncIteratorProtocol {
        let cursor: LeasedCursor
        public mutating func next() async throws -> BSONDocument? {
            try await cursor.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(cursor: cursor) }

    /// Reads the remaining documents.
    public func toArray() async throws(MongoError) -> [BSONDocument] {
        var all: [BSONDocument] = []
        while let document = try await cursor.next() { all.append(document) }
        return all
    }

    /// Frees the server cursor and the client now.
    public func close() async { await cursor.close() }
}

extension MongoCollection {
    /// A cursor over the documents matching `filter`.
    public func findCursor(_ filter: BSONDocument = [:], options: FindOptions = FindOptions()) async throws(MongoError)
        -> MongoCursor
    {
        let opts = options.document
        let cursor = try await LeasedCursor.open(
            kind: .cursor, pool: pool, namespace: namespace, batch: options.batchSize ?? 101
        ) {
            context, collection throws(MongoError) in
            mongoc_collection_find_with_opts(collection, try context.bson(filter), try context.opts(opts), nil)!
        }
        return MongoCursor(cursor: cursor)
    }

    /// A cursor over an aggregation's results.
    public func aggregateCursor(_ pipeline: [BSONDocument], options: AggregateOptions = AggregateOptions())
        async throws(MongoError) -> MongoCursor
    {
        let opts = options.document
        let cursor = try await LeasedCursor.open(
            kind: .cursor, pool: pool, namespace: namespace, batch: options.batchSize ?? 101
        ) {
            context, collection throws(MongoError) in
            let stages = try context.bson(["pipeline": .array(pipeline.map { .document($0) })])
            return mongoc_collection_aggregate(collection, MONGOC_QUERY_NONE, stages, try context.opts(opts), nil)!
        }
        return MongoCursor(cursor: cursor)
    }
}
