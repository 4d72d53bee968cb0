public import MongoStore
import Security

/// An anonymous rating does not tell the person rated who gave it:
/// `Rating.fromUserId` and `Rating.fromUser` are null when the rating's
/// `isAnonymous` is true and the caller is not its rater (`Schema.graphql`,
/// `Rating`). The rater still sees its own rating whole, and so do support and
/// admin (who settle disputes about ratings): the promise is made to the rater
/// about the person rated, not about the staff.
public struct AnonymousRatingPolicy: ReadPolicy {
    public init() {}

    public var typeName: String { "Rating" }
    public var fieldNames: Set<String> { ["fromUserId", "fromUser"] }

    /// Riders and drivers see only ratings they gave or received (row rules),
    /// so "not the person rated" is "the rater": the check asks for the rater,
    /// which also hides the author from anyone else a future row rule might let
    /// see the rating, and from everyone when the stored ids are malformed.
    public func shows(_ fieldName: String, of document: BSONDocument, to caller: Caller) -> Bool {
        if caller.key.role.seesEveryRow { return true }
        guard document["isAnonymous"] == .bool(true) else { return true }
        return document["fromUserId"] == .objectID(caller.key.userId)
    }
}
