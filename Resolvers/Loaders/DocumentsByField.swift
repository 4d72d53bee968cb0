public import DataModel
public import Enforcement
import GraphQLEngine
public import MongoStore

/// Documents of one collection whose `field` holds one of a level's keys: one
/// `{field: {$in: [...]}}` read per level, on the field's index, sent with the
/// level's other reads (`MongoLoader`).
///
/// The three relations the resolvers walk are this one loader with another
/// `field` and `Grouping`:
/// - by id (`ByIDLoader`): `_id`, one document per key (a rescue's `rider`);
/// - one-to-one (`ByForeignKeyLoader`): a field holding the parent's id, one
///   document per key (a rescue's `assignment` by `rescueId`, unique index);
/// - one-to-many (`ManyByForeignKeyLoader`): every document per key, in `sort`
///   order, an empty list for a key with none (a rescue's `ratings`).
///
/// Every read ANDs in the request's row rule for the collection (`visibility`),
/// so an id the caller may not see loads as null (or is missing from a list).
/// The rule is not part of `identity`, nor are the skipped fields: loaders
/// are cached per request, and one request has one rule and one set of
/// skipped fields per collection.
public struct DocumentsByField<Grouping: DocumentGrouping>: MongoLoader {
    public typealias Key = ObjectID
    public typealias Value = Grouping.Value

    public let database: MongoDatabase
    public let collection: Collections
    public let field: String
    /// Order of the documents (the find sorts by it; keys are then grouped).
    public let sort: BSONDocument?
    /// Extra conditions every document must meet (such as `isActive: true`).
    public let filter: BSONDocument
    /// The request's row rule for the collection (`AccessContext.visibilityFilter`).
    public let visibility: BSONDocument
    /// The large fields the request's operation never shows, left out of the
    /// documents read (`AccessContext.unshownLargeFields(of:)`).
    public let skippedFields: Set<String>

    public init(
        _ database: MongoDatabase, _ collection: Collections, field: String, sort: BSONDocument? = nil,
        filter: BSONDocument = [:], visibility: BSONDocument = [:], skippedFields: Set<String> = []
    ) {
        self.database = database
        self.collection = collection
        self.field = field
        self.sort = sort
        self.filter = filter
        self.visibility = visibility
        self.skippedFields = skippedFields
    }

    /// A loader for `context`'s request, its row rule included.
    public init(
        _ context: AccessContext, _ collection: Collections, field: String, sort: BSONDocument? = nil,
        filter: BSONDocument = [:]
    ) {
        self.init(
            context.database, collection, field: field, sort: sort, filter: filter,
            visibility: context.visibilityFilter(for: collection),
            skippedFields: context.unshownLargeFields(of: collection))
    }

    public var identity: String {
        "\(Grouping.self)|\(collection.name).\(field)|\(sort.map(String.init(describing:)) ?? "")|\(filter)"
    }

    public func read(for keys: [ObjectID]) -> MongoRead {
        // The batch's keys first: the embedded database plans a find on the
        // index of its filter's first field.
        var query: BSONDocument = [field: ["$in": .array(keys.map { .objectID($0) })]]
        for condition in filter where condition.key != field { query[condition.key] = condition.value }
        return MongoRead(
            collection, filter: query.and(visibility, oneValueFields: true), sort: sort, skippedFields: skippedFields)
    }

    public func values(from documents: [BSONDocument], for keys: [ObjectID]) -> [ObjectID: Grouping.Value] {
        let typeName = collection.entityTypeName
        return Grouping.group(
            documents.lazy.compactMap { document in
                guard case .objectID(let key)? = document[field] else { return nil }
                return (key, DocumentSource(document, typeName: typeName))
            }, keys: keys)
    }
}

/// How `DocumentsByField` hands a level's documents back to its keys.
public protocol DocumentGrouping: Sendable {
    associatedtype Value: Sendable
    /// The value of each key, from the documents found (key first, in read order).
    static func group(_ found: some Sequence<(ObjectID, DocumentSource)>, keys: [ObjectID]) -> [ObjectID: Value]
}

/// One document per key; should the data ever hold two, the first read wins
/// (the fields these loaders read by are unique).
public enum SingleDocument: DocumentGrouping {
    public static func group(_ found: some Sequence<(ObjectID, DocumentSource)>, keys: [ObjectID])
        -> [ObjectID: DocumentSource]
    {
        var values: [ObjectID: DocumentSource] = [:]
        for (key, document) in found where values[key] == nil { values[key] = document }
        return values
    }
}

/// Every document per key, in read order; a key with none gets an empty list.
public enum DocumentList: DocumentGrouping {
    public static func group(_ found: some Sequence<(ObjectID, DocumentSource)>, keys: [ObjectID])
        -> [ObjectID: [DocumentSource]]
    {
        var values: [ObjectID: [DocumentSource]] = Dictionary(keys.map { ($0, []) }) { first, _ in first }
        for (key, document) in found { values[key, default: []].append(document) }
        return values
    }
}

/// Documents by `_id`.
public typealias ByIDLoader = DocumentsByField<SingleDocument>
/// The one document whose `field` holds the key (one-to-one).
public typealias ByForeignKeyLoader = DocumentsByField<SingleDocument>
/// Every document whose `field` holds the key (one-to-many).
public typealias ManyByForeignKeyLoader = DocumentsByField<DocumentList>

extension DocumentsByField where Grouping == SingleDocument {
    /// Documents of `collection` by `_id`, for `context`'s request.
    public init(_ context: AccessContext, _ collection: Collections) {
        self.init(context, collection, field: "_id")
    }

    /// Documents of `collection` by `_id`, with the row rule `visibility`.
    public init(_ database: MongoDatabase, _ collection: Collections, visibility: BSONDocument = [:]) {
        self.init(database, collection, field: "_id", visibility: visibility)
    }
}
