public import GraphQLEngine
public import MongoStore

/// A loader whose batch is one `MongoRead`: `load` sends it alone, and
/// `sharedBatch` lets the executor send it with the level's other Mongo
/// loaders in one command (`MongoReadChannel`). The read is written once,
/// in `read(for:)`, so both paths ask the same thing.
public protocol MongoLoader: Loader {
    var database: MongoDatabase { get }
    /// The read that answers `keys` (every filter the loader applies is in it).
    func read(for keys: [Key]) -> MongoRead
    /// The values in the read's documents (in the read's order).
    func values(from documents: [BSONDocument], for keys: [Key]) -> [Key: Value]
}

extension MongoLoader {
    public func load(_ keys: [Key]) async throws -> [Key: Value] {
        let replies = try await MongoReadChannel(database).send([read(for: keys)])
        return values(from: replies.first ?? [], for: keys)
    }

    public func sharedBatch(_ keys: [Key]) -> SharedBatch<Key, Value>? {
        let loader = self
        return SharedBatch(on: MongoReadChannel(database), request: read(for: keys)) { documents in
            loader.values(from: documents, for: keys)
        }
    }
}
