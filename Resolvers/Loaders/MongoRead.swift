public import DataModel
public import MongoStore

/// One loader's read for one level: the documents of `collection` matching
/// `filter`, in `sort` order, as one plain `find`.
///
/// Why one `find` per loader, sent concurrently with the level's other loaders'
/// (the engine dispatches a level's loaders at once), rather than one command
/// for the whole level: a find on an indexed field (`_id`, `rescueId`,
/// `driverId` with `$in`) is what every MongoDB, the embedded SecantusDB
/// included, answers from its index in time proportional to the result. The
/// single-command alternative (`$unionWith` sub-pipelines in one aggregate)
/// is one round trip on MongoDB but is run over whole collections by
/// SecantusDB (`docs/DATA-MODEL.md`, "Embedded database"), so its cost grew
/// with the data, not with the page. A level costs one command per loader,
/// all in flight together.
public struct MongoRead: Sendable {
    public let collection: Collections
    public let filter: BSONDocument
    public let sort: BSONDocument?
    /// Large fields left out of the documents (`AccessContext.unshownLargeFields(of:)`).
    public let skippedFields: Set<String>

    public init(
        _ collection: Collections, filter: BSONDocument, sort: BSONDocument? = nil, skippedFields: Set<String> = []
    ) {
        self.collection = collection
        self.filter = filter
        self.sort = sort
        self.skippedFields = skippedFields
    }

    /// Documents per reply: a level's read in one reply (no `getMore`); the
    /// server still caps a reply at 16 MB and continues with `getMore` beyond.
    static let batchSize = 100_000

    /// The documents, in `sort` order.
    public func run(in database: MongoDatabase) async throws -> [BSONDocument] {
        try await database.collection(collection).find(
            filter, options: FindOptions(sort: sort, batchSize: MongoRead.batchSize, skippedFields: skippedFields))
    }
}
