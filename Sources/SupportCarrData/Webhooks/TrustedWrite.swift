import DataModel
import MongoStore
import Security

/// A write made by no API key (a webhook, a command) in one transaction with
/// its audit entry: `RecordedWrite` with no user or key and the writer named
/// as its `principal` (`webhook:stripe`, `cli:payouts`).
struct TrustedWrite: Sendable {
    let database: MongoDatabase
    let session: MongoSession
    /// `webhook:stripe`, `webhook:twilio`, `cli:payouts`.
    let principal: String
    /// The one time of the write: every date it sets holds it.
    let now: BSONDate

    /// Runs `body` in a transaction on `database` (retried whole on a
    /// transient failure, so it must decide from what it reads inside).
    static func run<R: Sendable>(
        on database: MongoDatabase, as principal: String, _ body: @Sendable (TrustedWrite) async throws -> R
    ) async throws -> R {
        try await database.withTransaction { session in
            try await body(TrustedWrite(database: database, session: session, principal: principal, now: .now()))
        }
    }

    func collection(_ collection: Collections) -> MongoCollection { database.collection(collection) }

    func findOne(_ filter: BSONDocument, in collection: Collections) async throws -> BSONDocument? {
        try await self.collection(collection).findOne(filter, session: session)
    }

    func insert(_ document: BSONDocument, into collection: Collections) async throws {
        try await self.collection(collection).insertOne(document, session: session)
    }

    /// A compare-and-set: the document matching `filter` updated, as it is
    /// after; nil when none matches (one `findAndModify` in the transaction,
    /// as the lifecycle's `LifecycleWrite.update` explains).
    func update(_ filter: BSONDocument, _ update: BSONDocument, in collection: Collections) async throws
        -> BSONDocument?
    {
        try await self.collection(collection).findOneAndUpdate(
            filter, update, returnDocument: .after, session: session)
    }

    /// The write's `auditlogs` entry, in the same transaction.
    func audit(
        _ action: String, _ collection: Collections, _ id: ObjectID, fields: [String],
        also otherCollections: [Collections] = []
    ) async throws {
        let entry = RecordedWrite(
            userId: nil, keyId: nil, requestId: ObjectID(), action: action, collection: collection, entityId: id,
            fields: fields, otherCollections: otherCollections, at: now, principal: principal)
        try await insert(entry.document, into: .auditLogs)
    }
}
