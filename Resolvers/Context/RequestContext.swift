public import MongoStore
public import Security
public import SupportCarrData

/// What one request's resolvers share: the database to read, who is asking
/// (their key, permissions and row scope) and where the request came from.
///
/// Loaders made from it are cached per request by the executor (by type and
/// identity), so two fields asking for the same rider in one level cause one read.
public struct RequestContext: Sendable {
    public let database: MongoDatabase
    /// Who is asking: `.trusted` (tests and operator tools) or an API key's caller.
    public let principal: Principal
    /// Where the request came from (audit logs of personal-data reads).
    public let client: ClientInfo
    /// Identifies the request in audit logs (one entry per document and request).
    public let requestId: ObjectID

    public init(
        database: MongoDatabase, principal: Principal, client: ClientInfo = ClientInfo(),
        requestId: ObjectID = ObjectID()
    ) {
        self.database = database
        self.principal = principal
        self.client = client
        self.requestId = requestId
    }

    public func collection(_ collection: Collections) -> MongoCollection {
        database.collection(collection.name)
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
        case .caller(let caller): caller.scope.filter(for: collection.name)
        }
    }

    /// `filter` limited to the rows of `collection` this request may see: the
    /// two ANDed (`{$and: [filter, rule]}`), or whichever is not empty.
    public func restrict(_ filter: BSONDocument, in collection: Collections) -> BSONDocument {
        RequestContext.and(filter, visibilityFilter(for: collection))
    }

    /// `left` AND `right`, without an `$and` when either is empty.
    static func and(_ left: BSONDocument, _ right: BSONDocument) -> BSONDocument {
        if right.isEmpty { return left }
        if left.isEmpty { return right }
        return ["$and": [.document(left), .document(right)]]
    }
}

/// The caller behind a request.
public enum Principal: Sendable {
    /// Full access with no user (tests and operator tools only; never built
    /// from a client's credentials).
    case trusted
    /// A request authenticated by an API key.
    case caller(Caller)

    /// The user behind the request (`Query.me`, `changedBy`), nil when trusted.
    public var userID: ObjectID? {
        if case .caller(let caller) = self { return caller.key.userId }
        return nil
    }

    /// The caller, nil when trusted.
    public var caller: Caller? {
        if case .caller(let caller) = self { return caller }
        return nil
    }
}

/// An authenticated caller: the verified key (user, role, effective
/// permissions) and the rows its role lets it see, with the relation lists
/// the row rules need already loaded.
public struct Caller: Sendable {
    public let key: AuthenticatedKey
    public let scope: RowScope

    public init(key: AuthenticatedKey, scope: RowScope) {
        self.key = key
        self.scope = scope
    }

    /// Whether the caller may read the personal data of `document` (from
    /// `collection`) among the rows it sees (`RowRules.personalData`).
    public func mayReadPersonalData(of document: BSONDocument, in collection: Collections) -> Bool {
        scope.mayReadPersonalData(of: document, in: collection.name)
    }
}
