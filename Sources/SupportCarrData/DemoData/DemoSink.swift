public import DataModel
public import MongoStore

/// Where the demo seeder's batches go. `MongoDemoSink` inserts them into a
/// database; `InMemoryDemoSink` keeps them (for tests and dry runs).
public protocol DemoSink: Sendable {
    /// Stores `documents` (at most the batch size) in `collection`.
    func insert(_ documents: [BSONDocument], into collection: Collections) async throws
}

/// Keeps every batch in memory, in arrival order.
public actor InMemoryDemoSink: DemoSink {
    public private(set) var documents: [Collections: [BSONDocument]] = [:]
    public private(set) var batchSizes: [Int] = []

    public init() {}

    public func insert(_ documents: [BSONDocument], into collection: Collections) async throws {
        self.documents[collection, default: []] += documents
        batchSizes.append(documents.count)
    }
}

/// How far seeding has come; reported after every batch.
public struct DemoSeedProgress: Sendable {
    /// Rescues generated so far and in all (the bulk of the work).
    public let rescuesDone: Int
    public let rescuesTotal: Int
    /// Documents handed to the sink so far, in every collection.
    public let documentsWritten: Int
}
