public import MongoStore

/// What a caller may see of some fields of one type beyond the permission
/// their `@requires` names: decided from the row itself and who is asking, in
/// the field pipeline (`ReadPolicyMiddleware`), so a resolver never decides who
/// may see what. A field the policy hides is `null` without an error: the
/// schema's description says when it is null, so a client cannot tell a hidden
/// value from an absent one.
public protocol ReadPolicy: Sendable {
    /// The object type whose fields the policy guards (`Rating`).
    var typeName: String { get }
    /// The fields it guards.
    var fieldNames: Set<String> { get }

    /// Whether `caller` is shown `fieldName` of `document` (the row as stored).
    func shows(_ fieldName: String, of document: BSONDocument, to caller: Caller) -> Bool
}
