public import MongoStore
public import SupportCarrData

/// Documents of one collection by `_id`: one `{_id: {$in: [...]}}` read per
/// level for every id the level asked for (the `_id` index serves it), sent
/// with the level's other reads (`MongoLoader`).
public struct ByIDLoader: MongoLoader {
    public typealias Key = ObjectID
    public typealias Value = DocumentSource

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

    public func read(for keys: [ObjectID]) -> MongoRead {
        MongoRead(collection, filter: ["_id": ["$in": .array(keys.map { .objectID($0) })]])
    }

    public func values(from documents: [BSONDocument], for keys: [ObjectID]) -> [ObjectID: DocumentSource] {
        var found: [ObjectID: DocumentSource] = [:]
        for document in documents {
            if case .objectID(let id)? = document["_id"] { found[id] = DocumentSource(document, typeName: typeName) }
        }
        return found
    }
}
