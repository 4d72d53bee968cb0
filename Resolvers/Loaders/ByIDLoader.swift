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

    public func load(_ keys: [ObjectID]) async throws -> [ObjectID: DocumentSource] {
        let documents = try await database.collection(collection.name).find(
            RequestContext.and(["_id": ["$in": .array(keys.map { .objectID($0) })]], visibility),
            options: FindOptions(batchSize: keys.count + 1))
        var found: [ObjectID: DocumentSource] = [:]
        for document in documents {
            if case .objectID(let id)? = document["_id"] { found[id] = DocumentSource(document, typeName: typeName) }
        }
        return found
    }
}
