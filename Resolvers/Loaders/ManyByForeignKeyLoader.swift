public import MongoStore
public import SupportCarrData

/// Every document of a collection whose `field` holds a key (one-to-many,
/// such as ratings by `rescueId` or vehicles by `driverId`), in `sort` order:
/// one `{field: {$in: [...]}}` read per level, sent with the level's other
/// reads (`MongoLoader`). A key with no documents gets an empty list, not null.
public struct ManyByForeignKeyLoader: MongoLoader {
    public typealias Key = ObjectID
    public typealias Value = [DocumentSource]

    public let database: MongoDatabase
    public let collection: Collections
    public let field: String
    /// Order within each key's list (the find sorts by it; keys are then grouped).
    public let sort: BSONDocument?
    /// Extra conditions every document must meet (such as `isActive: true`).
    public let filter: BSONDocument
    /// The request's row rule for the collection, ANDed into the find (see `ByIDLoader.visibility`).
    public let visibility: BSONDocument

    public init(
        _ database: MongoDatabase, _ collection: Collections, field: String, sort: BSONDocument? = nil,
        filter: BSONDocument = [:], visibility: BSONDocument = [:]
    ) {
        self.database = database
        self.collection = collection
        self.field = field
        self.sort = sort
        self.filter = filter
        self.visibility = visibility
    }

    /// A loader for `context`'s request, its row rule included.
    public init(
        _ context: RequestContext, _ collection: Collections, field: String, sort: BSONDocument? = nil,
        filter: BSONDocument = [:]
    ) {
        self.init(
            context.database, collection, field: field, sort: sort, filter: filter,
            visibility: context.visibilityFilter(for: collection))
    }

    public var identity: String {
        collection.name + "." + field + "|" + String(describing: sort) + "|" + String(describing: filter)
    }

    public func read(for keys: [ObjectID]) -> MongoRead {
        var query = filter
        query[field] = ["$in": .array(keys.map { .objectID($0) })]
        return MongoRead(collection, filter: RequestContext.and(query, visibility), sort: sort)
    }

    public func values(from documents: [BSONDocument], for keys: [ObjectID]) -> [ObjectID: [DocumentSource]] {
        var found: [ObjectID: [DocumentSource]] = Dictionary(uniqueKeysWithValues: keys.map { ($0, []) })
        for document in documents {
            if case .objectID(let key)? = document[field] { found[key, default: []].append(DocumentSource(document)) }
        }
        return found
    }
}
