public import GraphQLEngine
public import MongoStore

/// A loader whose batch is one `MongoRead`: the read is written once, in
/// `read(for:)`, and sent as one `find` per level, concurrently with the
/// level's other loaders (see `MongoRead` for why not one command per level).
public protocol MongoLoader: Loader {
    var database: MongoDatabase { get }
    /// The read that answers `keys` (every filter the loader applies is in it).
    func read(for keys: [Key]) -> MongoRead
    /// The values in the read's documents (in the read's order).
    func values(from documents: [BSONDocument], for keys: [Key]) -> [Key: Value]
}

extension MongoLoader {
    public func load(_ keys: [Key]) async throws -> [Key: Value] {
        values(from: try await read(for: keys).run(in: database), for: keys)
    }
}
