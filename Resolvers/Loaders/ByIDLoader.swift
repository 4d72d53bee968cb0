public import GraphQLEngine
public import MongoStore
public import SupportCarrData

/// Documents of one collection by `_id`: one `{_id: {$in: [...]}}` find per
/// level for every id the level asked for (the `_id` index serves it).
public struct ByIDLoader: Loader {
    public let database: MongoDatabase
    public let collection: Collections
    /// The object type the documents are (for abstract fields such as `User.profile`).
    public let typeName: String?

    public init(_ database: MongoDatabase, _ collection: Collections, typeName: String? = nil) {
        self.database = database
        self.collection = collection
        self.typeName = typeName
    }

    public var identity: String { collection.name + "|" + (typeName ?? "") }

    public func load(_ keys: [ObjectID]) async throws -> [ObjectID: DocumentSource] {
        let documents = try await database.collection(collection.name).find(
            ["_id": ["$in": .array(keys.map { .objectID($0) })]], options: FindOptions(batchSize: keys.count + 1))
        var found: [ObjectID: DocumentSource] = [:]
        for document in documents {
            if case .objectID(let id)? = document["_id"] { found[id] = DocumentSource(document, typeName: typeName) }
        }
        return found
    }
}
