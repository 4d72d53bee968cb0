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
    /// The request's row rule for the collection (`RequestContext.visibilityFilter`),
    /// ANDed into the find: an id the caller may not see loads as null. Not part
    /// of `identity`: loaders are cached per request, and one request has one
    /// rule per collection.
    public let visibility: BSONDocument

    public init(
        _ database: MongoDatabase, _ collection: Collections, typeName: String? = nil, visibility: BSONDocument = [:]
    ) {
        self.database = database
        self.collection = collection
        self.typeName = typeName
        self.visibility = visibility
    }

    /// A loader for `context`'s request, its row rule included.
    public init(_ context: RequestContext, _ collection: Collections, typeName: String? = nil) {
        self.init(
            context.database, collection, typeName: typeName, visibility: context.visibilityFilter(for: collection))
    }

    public var identity: String { collection.name + "|" + (typeName ?? "") }

    public func read(for keys: [ObjectID]) -> MongoRead {
        MongoRead(collection, filter: RequestContext.and(["_id": ["$in": .array(keys.map { .objectID($0) })]], visibility))
    }

    public func values(from documents: [BSONDocument], for keys: [ObjectID]) -> [ObjectID: DocumentSource] {
        var found: [ObjectID: DocumentSource] = [:]
        for document in documents {
            if case .objectID(let id)? = document["_id"] { found[id] = DocumentSource(document, typeName: typeName) }
        }
        return found
    }
}
