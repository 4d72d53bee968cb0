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
    /// The request's row rule for the collection, ANDed into the find (see `ByIDLoader.visibility`).
    public let visibility: BSONDocument

    public init(
        _ database: MongoDatabase, _ collection: Collections, field: String, typeName: String? = nil,
        visibility: BSONDocument = [:]
    ) {
        self.database = database
        self.collection = collection
        self.field = field
        self.typeName = typeName
        self.visibility = visibility
    }

    /// A loader for `context`'s request, its row rule included.
    public init(_ context: RequestContext, _ collection: Collections, field: String, typeName: String? = nil) {
        self.init(
            context.database, collection, field: field, typeName: typeName,
            visibility: context.visibilityFilter(for: collection))
    }

    public var identity: String { collection.name + "." + field + "|" + (typeName ?? "") }

    public func read(for keys: [ObjectID]) -> MongoRead {
        MongoRead(collection, filter: RequestContext.and([field: ["$in": .array(keys.map { .objectID($0) })]], visibility))
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
