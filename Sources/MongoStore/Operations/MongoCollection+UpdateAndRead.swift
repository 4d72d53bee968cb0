/// A compare-and-set that returns the document, without `findAndModify`.
extension MongoCollection {
    /// The document matching `filter` (its expected state) updated, as it is
    /// after the update (or before it, with `.before`); nil when none matches.
    ///
    /// An `updateOne` whose filter holds the expected state, then a read by
    /// `_id`, not one `findAndModify`: the embedded database runs
    /// `findAndModify` as a scan of the collection (1.5 s per call at 100,000
    /// documents, 135 ms at 10,000, against 5 ms for the `updateOne`), while
    /// every server plans an update's filter on its index. In a transaction
    /// (`session`) the read sees exactly this write, and a concurrent write of
    /// the same document is a write conflict that retries the transaction;
    /// outside one, the read may already see a later write. When the filter
    /// names no single `_id` (or the state before is wanted), the document is
    /// found first and its `_id` added to the update's filter.
    public func updateAndRead(
        _ filter: BSONDocument, _ update: BSONDocument, returning: ReturnDocument = .after, upsert: Bool = false,
        session: MongoSession? = nil
    ) async throws(MongoError) -> BSONDocument? {
        var filter = filter
        var before: BSONDocument?
        let namesOneID = filter["_id"].map { if case .document = $0 { false } else { true } } ?? false
        if returning == .before || !namesOneID {
            before = try await findOne(filter, session: session)
            if let id = before?["_id"] {
                filter["_id"] = id
            } else if !upsert {
                return nil
            }
        }
        let result = try await updateOne(filter, update, upsert: upsert, session: session)
        guard result.matchedCount > 0 || result.upsertedID != nil else { return nil }
        if returning == .before { return before }
        guard let id = result.upsertedID ?? filter["_id"] else { return nil }
        return try await findOne(["_id": id], session: session)
    }
}
