import DataModel
import Enforcement
import MongoStore

/// One multi-document write of the rescue lifecycle, inside a MongoDB
/// transaction: every operation goes through the transaction's session, so
/// either all of them are committed or none is (`docs/DATA-MODEL.md`,
/// "Rescue lifecycle"), and the write's audit entry is committed with them.
///
/// Made by ``run(in:_:)``, which retries the whole body on a transient
/// failure (a write conflict with a concurrent transaction): the body must
/// therefore decide from what it reads inside the transaction, never from
/// what was read before it began. Nothing outside the session may be read
/// or written inside the body: it would not see the transaction's writes and
/// could wait for a pooled client the transaction itself holds.
struct LifecycleWrite: Sendable {
    let context: AccessContext
    let session: MongoSession
    /// The one time of the write: every date field it sets holds it.
    let now: BSONDate

    /// Runs `body` in a transaction over the request's database and commits it.
    static func run<R: Sendable>(
        in context: AccessContext, _ body: @Sendable (LifecycleWrite) async throws -> R
    ) async throws -> R {
        try await context.database.withTransaction { session in
            try await body(LifecycleWrite(context: context, session: session, now: .now()))
        }
    }

    func collection(_ collection: Collections) -> MongoCollection { context.collection(collection) }

    func insert(_ document: BSONDocument, into collection: Collections) async throws {
        try await self.collection(collection).insertOne(document, session: session)
    }

    func findOne(_ filter: BSONDocument, in collection: Collections) async throws -> BSONDocument? {
        try await self.collection(collection).findOne(filter, session: session)
    }

    /// A compare-and-set: the document matching `filter` (its expected state)
    /// updated, as it is after the update (or before it, with `.before`); nil
    /// when none matches.
    ///
    /// An `updateOne` whose filter holds the expected state, then a read by
    /// `_id` in the same transaction, not one `findAndModify`: the embedded
    /// database runs `findAndModify` as a scan of the collection (1.5 s per
    /// call at 100,000 assignments, 135 ms at 10,000 driver profiles, against
    /// 5 ms for the `updateOne`), while every server plans an update's filter
    /// on its index. Inside the transaction the read sees exactly this write,
    /// and a concurrent write of the same document is a write conflict, which
    /// retries the whole transaction. When the filter names no single `_id`
    /// (or the state before is wanted) the document is found first and its
    /// `_id` added to the update's filter.
    func update(
        _ filter: BSONDocument, _ update: BSONDocument, in collection: Collections,
        returning: ReturnDocument = .after, upsert: Bool = false
    ) async throws -> BSONDocument? {
        let documents = self.collection(collection)
        var filter = filter
        var before: BSONDocument?
        let namesOneID = filter["_id"].map { if case .document = $0 { false } else { true } } ?? false
        if returning == .before || !namesOneID {
            before = try await documents.findOne(filter, session: session)
            if let id = before?["_id"] {
                filter["_id"] = id
            } else if !upsert {
                return nil
            }
        }
        let result = try await documents.updateOne(filter, update, upsert: upsert, session: session)
        guard result.matchedCount > 0 || result.upsertedID != nil else { return nil }
        if returning == .before { return before }
        guard let id = result.upsertedID ?? filter["_id"] else { return nil }
        return try await documents.findOne(["_id": id], session: session)
    }

    @discardableResult
    func updateMany(_ filter: BSONDocument, _ update: BSONDocument, in collection: Collections) async throws
        -> UpdateResult
    {
        try await self.collection(collection).updateMany(filter, update, session: session)
    }

    /// Appends the write's audit entry (`AccessContext.auditEntry`): who, what,
    /// on which document, the names of the fields set and the other
    /// collections written.
    func audit(
        _ action: String, _ collection: Collections, _ id: ObjectID, fields: [String],
        also otherCollections: [Collections] = []
    ) async throws {
        let entry = context.auditEntry(
            action: action, collection: collection, entityId: id, fields: fields, otherCollections: otherCollections,
            at: now)
        try await insert(entry, into: .auditLogs)
    }
}
