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
    /// One `findAndModify`, although the embedded database runs it as a scan
    /// of the collection (`docs/DATA-MODEL.md`, "Embedded database"): an
    /// `updateOne` holding the expected state and a read by `_id` is fast
    /// there, and was tried here while the full test suite's transactional
    /// writes still stalled for 60 s with either form (`docs/DATA-MODEL.md`,
    /// "Embedded database", says why they did); the one command stays until
    /// the two forms are measured again.
    func update(
        _ filter: BSONDocument, _ update: BSONDocument, in collection: Collections,
        returning: ReturnDocument = .after, upsert: Bool = false
    ) async throws -> BSONDocument? {
        try await self.collection(collection).findOneAndUpdate(
            filter, update, returnDocument: returning, upsert: upsert, session: session)
    }

    /// An update whose document is not wanted back: one `updateOne`, which
    /// every server, the embedded one included, plans on its filter's index
    /// (unlike ``update(_:_:in:returning:upsert:)``'s `findAndModify`).
    /// Whether a document matched (or was inserted, with `upsert`).
    @discardableResult
    func updateOne(
        _ filter: BSONDocument, _ update: BSONDocument, in collection: Collections, upsert: Bool = false
    ) async throws -> Bool {
        let result = try await self.collection(collection).updateOne(filter, update, upsert: upsert, session: session)
        return result.matchedCount > 0 || result.upsertedID != nil
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
