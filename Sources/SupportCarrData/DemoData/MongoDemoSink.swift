public import DataModel
public import MongoStore

/// Writes demo batches into a database with unordered `insertMany`: the server
/// may store a batch's documents in any order (a real MongoDB spreads an
/// unordered batch over its shards and threads), and a failure is reported once
/// the whole batch has been tried, which stops the run.
public struct MongoDemoSink: DemoSink {
    public let database: MongoDatabase

    public init(database: MongoDatabase) {
        self.database = database
    }

    public func insert(_ documents: [BSONDocument], into collection: Collections) async throws {
        guard !documents.isEmpty else { return }
        try await database.collection(collection.name).insertMany(documents, ordered: false)
    }

    /// Whether the database already holds SupportCarr data (any user or rescue);
    /// `supportcarr seed --if-empty` skips seeding then.
    public func hasData() async throws -> Bool {
        for collection in [Collections.users, .rescueRequests] {
            if try await database.collection(collection.name).countDocuments([:], limit: 1) > 0 { return true }
        }
        return false
    }
}
