public import GraphQLEngine
public import MongoStore
public import SupportCarrData

/// The one document of a collection whose `field` holds a key (one-to-one,
/// such as a rescue's assignment by `rescueId` or a user's rider profile by
/// `userId`): one `{field: {$in: [...]}}` find per level, on the field's
/// unique index.
public struct ByForeignKeyLoader: Loader {
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

    public func load(_ keys: [ObjectID]) async throws -> [ObjectID: DocumentSource] {
        let documents = try await database.collection(collection.name).find(
            RequestContext.and([field: ["$in": .array(keys.map { .objectID($0) })]], visibility),
            options: FindOptions(batchSize: keys.count + 1))
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
