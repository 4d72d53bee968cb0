import DataModel
public import MongoStore
public import Security

/// An operator's answer to a data subject's request (`supportcarr gdpr
/// export` and `gdpr erase`): `Security`'s `UserDataExport` and
/// `UserErasure`, the ones the API serves, recorded in `auditlogs` as made by
/// the operator's tool (no user, no key; `userAgent` names the command).
public struct UserDataRequests: Sendable {
    public let database: MongoDatabase
    public let cipher: FieldCipher

    public init(database: MongoDatabase, cipher: FieldCipher) {
        self.database = database
        self.cipher = cipher
    }

    /// The user's export as relaxed extended JSON text (ObjectIds as
    /// `{"$oid": ...}`, dates as `{"$date": ...}`: nothing lost); nil when no
    /// user has `userId`. Recorded as `user.export` before it is returned.
    public func export(_ userId: ObjectID) async throws -> String? {
        let now = BSONDate.now()
        guard let export = try await UserDataExport(database: database, cipher: cipher).export(userId, at: now) else {
            return nil
        }
        var collections: [Collections] = []
        if case .document(let found)? = export["collections"] {
            collections = found.keys.compactMap(Collections.init(rawValue:))
        }
        let entry = Self.operatorEntry("user.export", userId, collections: collections, at: now)
        try await database.collection(.auditLogs).insertOne(entry.document)
        return export.relaxedExtendedJSON
    }

    /// Erases the user (`UserErasure`), recorded as `user.erase`.
    public func erase(_ userId: ObjectID) async throws -> UserErasure.Outcome {
        try await UserErasure(database: database, cipher: cipher).erase(
            userId, audit: Self.operatorEntry("user.erase", userId, collections: [], at: .now()))
    }

    static func operatorEntry(_ action: String, _ userId: ObjectID, collections: [Collections], at: BSONDate)
        -> RecordedWrite
    {
        RecordedWrite(
            userId: nil, keyId: nil, requestId: ObjectID(), action: action, collection: .users, entityId: userId,
            fields: [], otherCollections: collections, at: at, userAgent: "supportcarr gdpr")
    }
}
