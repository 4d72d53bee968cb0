import DataModel
import MongoStore

/// A connection's page and its `totalCount` in ONE command, for when the
/// client selects `totalCount` (the connection resolver looks ahead with
/// `FieldContext.selects`).
///
/// One `aggregate` on the list's collection: the page (`$match`, `$sort`,
/// `$limit`, on the hinted index, as the page's `find` would read it), then a
/// `$unionWith` of the same collection that counts the list's filter
/// (`$group` with `$sum: 1`; no `$count` stage, which SecantusDB refuses
/// inside `$unionWith`). Results are tagged as in `MongoReadChannel`; on
/// SecantusDB the count scans in memory (see there).
enum PageWithCount {
    /// The pipeline: page documents tagged 0, then one `{n: <count>}` tagged 1
    /// (none when nothing matches the count filter).
    static func pipeline(
        pageFilter: BSONDocument, sort: BSONDocument, limit: Int, countFilter: BSONDocument, collection: Collections
    ) -> [BSONDocument] {
        let count: [BSONDocument] = [
            ["$match": .document(countFilter)],
            ["$group": ["_id": .null, "n": ["$sum": 1]]],
            MongoReadChannel.wrap(1),
        ]
        return [
            ["$match": .document(pageFilter)],
            ["$sort": .document(sort)],
            ["$limit": .int64(Int64(limit))],
            MongoReadChannel.wrap(0),
            ["$unionWith": ["coll": .string(collection.name), "pipeline": .array(count.map { .document($0) })]],
        ]
    }

    /// The page's documents (in order) and the count.
    static func read(
        _ database: MongoDatabase, collection: Collections, pageFilter: BSONDocument, sort: BSONDocument, limit: Int,
        hint: String?, countFilter: BSONDocument
    ) async throws -> (documents: [BSONDocument], total: Int) {
        let stages = pipeline(
            pageFilter: pageFilter, sort: sort, limit: limit, countFilter: countFilter, collection: collection)
        let results = try await database.collection(collection.name).aggregate(
            stages,
            // Room for every result and more: a batch filled exactly leaves the cursor open (a getMore).
            options: AggregateOptions(batchSize: limit + 2, hint: hint.map { .name($0) }))
        var documents: [BSONDocument] = []
        var total = 0
        for item in results {
            guard case .document(let document)? = item[MongoReadChannel.documentField] else {
                throw MongoReadChannelError()
            }
            switch MongoReadChannel.partNumber(item[MongoReadChannel.partField]) {
            case 0?: documents.append(document)
            case 1?: total = MongoReadChannel.partNumber(document["n"]) ?? 0
            default: throw MongoReadChannelError()
            }
        }
        return (documents, total)
    }
}
