public import MongoStore
public import SupportCarrData

/// The one document of a collection whose `field` holds a key (one-to-one,
/// such as a rescue's assignment by `rescueId` or a user's rider profile by
/// `userId`): one `{field: {$in: [...]}}` read per level, on the field's
/// unique index, sent with the level's other reads (`MongoLoader`).
public struct ByForeignKeyLoader: MongoLoader {
    public typealias Key = ObjectID
    public typealias Value = DocumentSource

    public let database: MongoDatabase
    public let collection: Collections
    public let field: String
    public let typeName: String?

    public init(_ database: MongoDatabase, _ collection: Collections, field: String, typeName: String? = nil) {
        self.database = database
        self.collection = collection
        self.field = field
        self.typeName = typeName
    }

    public var identity: String { collection.name + "." + field + "|" + (typeName ?? "") }

    public func read(for keys: [ObjectID]) -> MongoRead {
        MongoRead(collection, filter: [field: ["$in": .array(keys.map { .objectID($0) })]])
    }

    public func values(from documents: [BSONDocument], for keys: [ObjectID]) -> [ObjectID: DocumentSource] {
        var found: [ObjectID: DocumentSource] = [:]
        for document in documents {
            // The first stored wins should the data ever hold two (the index is unique).
            if case .objectID(let key)? = document[field], found[key] == nil {
                found[key] = DocumentSource(document, typeName: typeName)
            }
        }
        return found
    }
}
