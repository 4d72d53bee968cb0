public import DataModel
public import MongoStore
public import Security

/// What one request's resolvers share: the database to read, who is asking
/// (their key, permissions and row scope) and where the request came from.
///
/// Loaders made from it are cached per request by the executor (by type and
/// identity), so two fields asking for the same rider in one level cause one read.
public struct AccessContext: Sendable {
    public let database: MongoDatabase
    /// Who is asking: `.trusted` (tests and operator tools) or an API key's caller.
    public let principal: Principal
    /// Where the request came from (audit logs of personal-data reads).
    public let client: ClientInfo
    /// Identifies the request in audit logs (one entry per document and request).
    public let requestId: ObjectID
    /// The fields the request's operation selects (`Type.field`,
    /// `PreparedOperation.selectedFields`); nil when not known, which leaves
    /// nothing out of reads (`unshownLargeFields(of:)`).
    public let selectedFields: Set<String>?

    public init(
        database: MongoDatabase, principal: Principal, client: ClientInfo = ClientInfo(),
        requestId: ObjectID = ObjectID(), selectedFields: Set<String>? = nil
    ) {
        self.database = database
        self.principal = principal
        self.client = client
        self.requestId = requestId
        self.selectedFields = selectedFields.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The large fields of `collection` (`Collections.largeFields`) that no
    /// selection of the operation shows, for reads that serve its values to
    /// leave out (`FindOptions.skippedFields`); none when the operation's
    /// selection is not known. Everything else of each document is read, so
    /// row rules, permissions and relations find every field they look at.
    public func unshownLargeFields(of collection: Collections) -> Set<String> {
        guard let selectedFields else { return [] }
        return Set(
            collection.largeFields.filter { !selectedFields.contains(collection.entityTypeName + "." + $0) })
    }

    public func collection(_ collection: Collections) -> MongoCollection {
        database.collection(collection)
    }

    /// What this request may do: the key's effective permissions, or every
    /// permission for a trusted context.
    public var permissions: PermissionSet {
        switch principal {
        case .trusted: .everything
        case .caller(let caller): caller.key.permissions
        }
    }

    /// The rows of `collection` this request may see, as a filter fragment that
    /// every read ANDs into its own filter (`{}` admits every row): connections,
    /// loaders and `$lookup` stages alike, so pages, cursors and counts agree
    /// with what the caller is shown. Rendered from the caller's `RowScope`
    /// (`RowRules`); a trusted context sees everything. A rule whose relation
    /// list was not loaded admits nothing (fail closed).
    public func visibilityFilter(for collection: Collections) -> BSONDocument {
        switch principal {
        case .trusted: [:]
        case .caller(let caller): caller.scope.filter(for: collection)
        }
    }

    /// `filter` limited to the rows of `collection` this request may find
    /// through a search that is itself the grant (`Query.nearbyDrivers`), and
    /// the projection such a find must use (nil: every field): what
    /// `RowRules.discovery` allows, rendered for this caller.
    public func restrictDiscovery(_ filter: BSONDocument, in collection: Collections) -> (
        filter: BSONDocument, projection: BSONDocument?
    ) {
        switch principal {
        case .trusted:
            return (filter, nil)
        case .caller(let caller):
            let discovery = caller.scope.discovery(in: collection)
            var projection: BSONDocument?
            if let fields = discovery.fields {
                var fieldsDocument = BSONDocument()
                for field in fields { fieldsDocument[field] = 1 }
                projection = fieldsDocument
            }
            return (filter.and(discovery.filter, oneValueFields: true), projection)
        }
    }

    /// `filter` limited to the rows of `collection` this request may see: the
    /// two ANDed (`{$and: [filter, rule]}`), or whichever is not empty.
    public func restrict(_ filter: BSONDocument, in collection: Collections) -> BSONDocument {
        filter.and(visibilityFilter(for: collection), oneValueFields: true)
    }
}
