public import DataModel
public import MongoStore
public import Security

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
        scope.mayReadPersonalData(of: document, in: collection)
    }
}
