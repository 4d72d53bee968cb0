extension BSONDocument {
    /// This query filter AND `other`: both in an `$and`, or whichever is not
    /// empty (an empty filter admits every document, so it adds nothing).
    public func and(_ other: BSONDocument) -> BSONDocument {
        if other.isEmpty { return self }
        if isEmpty { return other }
        return ["$and": [.document(self), .document(other)]]
    }
}
