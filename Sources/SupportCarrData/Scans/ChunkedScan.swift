import MongoStore

/// Reads the documents of a collection that match a filter once, through one
/// cursor, handing them on in chunks (the last one may be shorter).
///
/// Why one cursor and not pages of `_id > last` sorted by `_id`: SecantusDB,
/// the embedded database, answers such a page by scanning and sorting the
/// whole collection (about 1 s a page at 50,000 documents), so paging a large
/// collection costs time quadratic in its size; one cursor reads it once. On
/// MongoDB both are one pass. The cursor's order is the storage order, which
/// an update in place (all `migrate` and `keys rotate` write) does not change,
/// so no document is missed; one seen twice is harmless to callers whose
/// writes are idempotent compare-and-sets.
struct ChunkedScan: Sendable {
    let collection: MongoCollection
    let filter: BSONDocument
    let projection: BSONDocument
    let chunkSize: Int

    init(_ collection: MongoCollection, filter: BSONDocument = [:], projection: BSONDocument, chunkSize: Int) {
        self.collection = collection
        self.filter = filter
        self.projection = projection
        self.chunkSize = max(1, chunkSize)
    }

    /// Calls `body` with each chunk, in order, until the collection is read;
    /// checks for cancellation between chunks.
    func forEachChunk(_ body: ([BSONDocument]) async throws -> Void) async throws {
        let cursor = try await collection.findCursor(
            filter, options: FindOptions(projection: projection, batchSize: chunkSize))
        do {
            var chunk: [BSONDocument] = []
            chunk.reserveCapacity(chunkSize)
            for try await document in cursor {
                chunk.append(document)
                if chunk.count == chunkSize {
                    try Task.checkCancellation()
                    try await body(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            if !chunk.isEmpty { try await body(chunk) }
        } catch {
            await cursor.close()
            throw error
        }
    }
}
