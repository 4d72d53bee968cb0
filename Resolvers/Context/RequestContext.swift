public import MongoStore
public import SupportCarrData

/// What one request's resolvers share: the database to read and who is asking.
///
/// Loaders made from it are cached per request by the executor (by type and
/// identity), so two fields asking for the same rider in one level cause one read.
public struct RequestContext: Sendable {
    public let database: MongoDatabase
    /// Who is asking. The security issue fills in the API key's user and
    /// permissions; until then `.trusted` is the only principal (tests, tools).
    public let principal: Principal

    public init(database: MongoDatabase, principal: Principal) {
        self.database = database
        self.principal = principal
    }

    public func collection(_ collection: Collections) -> MongoCollection {
        database.collection(collection.name)
    }

    /// The rows of `collection` this request may see, as a filter fragment that
    /// every read ANDs into its own filter (`{}` admits every row): connections,
    /// loaders and `$lookup` stages alike, so pages, cursors and counts agree
    /// with what the caller is shown. The security layer derives it from the
    /// caller's row scope; a trusted context sees everything.
    public func visibilityFilter(for collection: Collections) -> BSONDocument {
        [:]
    }
}

/// The caller behind a request.
public enum Principal: Sendable, Equatable {
    /// Full access with no user (tests and operator tools only; never built
    /// from a client's credentials).
    case trusted
    /// A user's request: their id (`Query.me`).
    case user(ObjectID)

    public var userID: ObjectID? {
        if case .user(let id) = self { return id }
        return nil
    }
}
