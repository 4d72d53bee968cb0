import DataModel
public import MongoStore

/// The `auditlogs` entry a complete run of `supportcarr keys rotate` writes
/// (action `keys.rotate`, entity `keys`, no user: an operator's job), with what
/// the run found. An interrupted run writes none.
///
/// Its `legacyRemaining` is how `supportcarr serve` knows, without being told,
/// that the legacy format may be refused (`LegacyCiphertexts`): in production,
/// with `SUPPORTCARR_LEGACY_CIPHERTEXTS` unset, the gateway refuses legacy
/// values once the newest such entry says the run left none (every legacy value
/// it met was re-encrypted under its binding). The database is the one place
/// every gateway process and the operator's command share, and the audit log is
/// where an operator's run belongs anyway.
public struct KeyRotationRecord: Sendable, Hashable {
    /// The entry's action.
    public static let action = "keys.rotate"
    /// The entry's entity: the run touches every encrypted field, not one collection.
    public static let entity = "keys"

    /// The key everything was re-encrypted under.
    public var newestKeyId: String
    public var scanned: Int
    public var rotated: Int
    /// Legacy values re-encrypted under their binding (a part of `rotated`).
    public var legacyRebound: Int
    /// Legacy values the run left in the legacy format: undecryptable, or
    /// changed by someone else between the read and the write.
    public var legacyRemaining: Int
    public var conflicts: Int
    public var failures: Int
    public var at: BSONDate

    public init(
        newestKeyId: String, scanned: Int, rotated: Int, legacyRebound: Int, legacyRemaining: Int, conflicts: Int,
        failures: Int, at: BSONDate
    ) {
        self.newestKeyId = newestKeyId
        self.scanned = scanned
        self.rotated = rotated
        self.legacyRebound = legacyRebound
        self.legacyRemaining = legacyRemaining
        self.conflicts = conflicts
        self.failures = failures
        self.at = at
    }

    /// The `auditlogs` document (counts only: never a value, the places of the
    /// re-bound values are in the command's own output).
    public var document: BSONDocument {
        [
            "_id": .objectID(ObjectID()), "userId": .null, "action": .string(Self.action),
            "entity": .string(Self.entity),
            "changes": [
                "newestKeyId": .string(newestKeyId), "scanned": scanned.bsonValue, "rotated": rotated.bsonValue,
                "legacyRebound": legacyRebound.bsonValue, "legacyRemaining": legacyRemaining.bsonValue,
                "conflicts": conflicts.bsonValue, "failures": failures.bsonValue,
            ],
            "createdAt": .date(at),
        ]
    }

    /// The record `document` holds, nil when it is not one.
    public init?(document: BSONDocument) {
        guard (try? document["action", as: String.self]) == Self.action,
            case .document(let changes)? = document["changes"],
            let at = try? document["createdAt", as: BSONDate.self],
            let newest = try? changes["newestKeyId", as: String.self],
            let remaining = try? changes["legacyRemaining", as: Int.self]
        else { return nil }
        func count(_ key: String) -> Int { (try? changes[key, as: Int.self]) ?? 0 }
        self.init(
            newestKeyId: newest, scanned: count("scanned"), rotated: count("rotated"),
            legacyRebound: count("legacyRebound"), legacyRemaining: remaining, conflicts: count("conflicts"),
            failures: count("failures"), at: at)
    }

    /// Appends this record to `database`'s audit log.
    public func write(to database: MongoDatabase) async throws(MongoError) {
        _ = try await database.collection(.auditLogs).insertOne(document)
    }

    /// The newest record in `database`, nil when no complete run was recorded.
    /// One indexed find (`auditlogs {entity, entityId}`).
    public static func latest(in database: MongoDatabase) async throws(MongoError) -> KeyRotationRecord? {
        let found = try await database.collection(.auditLogs).findOne(
            ["entity": .string(entity), "action": .string(action)],
            options: FindOptions(sort: ["createdAt": -1, "_id": -1]))
        return found.flatMap { KeyRotationRecord(document: $0) }
    }
}

extension LegacyCiphertexts {
    /// What the gateway does with legacy values when `SUPPORTCARR_LEGACY_CIPHERTEXTS`
    /// is unset: in production, refuse once `lastRotation` (the newest
    /// `keys.rotate` entry) says a complete run left none, accept until then (the
    /// Node services' values must stay readable until they are re-encrypted);
    /// in development, accept.
    public static func unsetDefault(deployment: DeploymentEnvironment, lastRotation: KeyRotationRecord?)
        -> LegacyCiphertexts
    {
        guard deployment == .production, let lastRotation, lastRotation.legacyRemaining == 0 else { return .accept }
        return .refuse
    }
}
