import DataModel
public import MongoStore

/// API keys in MongoDB (`apikeys`, with the role read from `users`): create,
/// list, revoke, look up by prefix, and write usage batches. Also the
/// `APIKeyStore` verification uses.
public struct APIKeyRepository: APIKeyStore {
    public let database: MongoDatabase
    public let hasher: APIKeyHasher

    public init(database: MongoDatabase, hasher: APIKeyHasher) {
        self.database = database
        self.hasher = hasher
    }

    var keys: MongoCollection { database.collection(.apiKeys) }

    /// A key just made: its record and, this once, the key itself.
    public struct Created: Sendable {
        public let key: APIKeySummary
        /// The key as the client must send it. Not stored anywhere: show it to
        /// the operator now; it cannot be recovered later.
        public let token: APIKeyToken
    }

    /// Stores a new key for `userId` and returns it. Only its prefix and keyed
    /// hash are written. (A clash of 12 random base62 digits with an existing
    /// prefix is astronomically unlikely; should the unique index report one, a
    /// fresh key is drawn, up to three times.)
    public func create(
        userId: ObjectID, name: String, permissions: PermissionSet, kind: APIKeyKind, expiresAt: BSONDate? = nil,
        now: BSONDate = .now()
    ) async throws(MongoError) -> Created {
        var attempt = 0
        while true {
            attempt += 1
            let token = APIKeyToken.generate(kind)
            let stored = StoredAPIKey(
                id: ObjectID(), userId: userId, name: name, keyPrefix: token.lookupPrefix, keyHash: hasher.hash(token),
                permissionNames: permissions.names, isActive: true, requestCount: 0, expiresAt: expiresAt,
                createdAt: now, updatedAt: now)
            do {
                try await keys.insertOne(stored.document)
                return Created(key: APIKeySummary(stored), token: token)
            } catch  where error.code == .duplicateKey && attempt < 3 {
                continue
            }
        }
    }

    /// Every key (of `userId` when given), oldest first, without hashes.
    public func list(userId: ObjectID? = nil) async throws -> [APIKeySummary] {
        let filter: BSONDocument = userId.map { ["userId": .objectID($0)] } ?? [:]
        let documents = try await keys.find(
            filter, options: FindOptions(projection: ["key": 0], sort: ["createdAt": 1, "_id": 1]))
        return try documents.map { document in
            var document = document
            document["key"] = ""  // projected away; StoredAPIKey requires the field
            return APIKeySummary(try StoredAPIKey(document: document))
        }
    }

    /// Marks the key inactive (kept for the audit trail, never deleted). False
    /// when there is no such key; revoking twice is harmless.
    @discardableResult
    public func revoke(id: ObjectID, now: BSONDate = .now()) async throws(MongoError) -> Bool {
        let result = try await keys.updateOne(
            ["_id": .objectID(id)], ["$set": ["isActive": false, "updatedAt": .date(now)]])
        return result.matchedCount == 1
    }

    /// The stored key whose lookup prefix is `lookupPrefix`.
    public func find(lookupPrefix: String) async throws -> StoredAPIKey? {
        guard let document = try await keys.findOne(["keyPrefix": .string(lookupPrefix)]) else { return nil }
        return try StoredAPIKey(document: document)
    }

    /// The key, its user's role and the user's profile ids: the key by its
    /// unique `keyPrefix`, then the user by `_id` and the rider and driver
    /// profiles by their unique `userId`, those three finds in flight together
    /// (each projected to what is needed). Two round trips, each a plain find
    /// on an index: a `$lookup` would be one, but the embedded database runs
    /// its sub-pipeline over the whole collection (`docs/DATA-MODEL.md`,
    /// "Embedded database"). Verified keys are cached by the authenticator, so
    /// this runs once per key and cache lifetime, not per request.
    public func candidate(forLookupPrefix lookupPrefix: String) async throws -> APIKeyCandidate? {
        guard let document = try await keys.findOne(["keyPrefix": .string(lookupPrefix)]) else { return nil }
        let key = try StoredAPIKey(document: document)
        let user = key.userId
        let database = self.database
        func profileID(_ collection: Collections) async throws -> ObjectID? {
            let found = try await database.collection(collection).findOne(
                ["userId": .objectID(user)], options: FindOptions(projection: ["_id": 1]))
            guard case .objectID(let id)? = found?["_id"] else { return nil }
            return id
        }
        async let account = database.collection(.users).findOne(
            ["_id": .objectID(user)], options: FindOptions(projection: ["role": 1]))
        async let rider = profileID(.riderProfiles)
        async let driver = profileID(.driverProfiles)
        var role: Role?
        if case .string(let name)? = try await account?["role"] { role = Role(rawValue: name) }
        return APIKeyCandidate(
            key: key, role: role, profiles: ProfileIds(rider: try await rider, driver: try await driver))
    }

    /// Writes one usage batch: a single unordered `bulkWrite` with, per key,
    /// `$inc` of `requestCount` and `$max` of `lastUsedAt`.
    public func recordUsage(_ batch: [APIKeyUsageRecorder.Usage]) async throws(MongoError) {
        guard !batch.isEmpty else { return }
        let models = batch.map { usage in
            WriteModel.updateOne(
                filter: ["_id": .objectID(usage.keyId)],
                update: [
                    "$inc": ["requestCount": .int64(usage.count)], "$max": ["lastUsedAt": .date(usage.lastUsedAt)],
                ])
        }
        try await keys.bulkWrite(models, ordered: false)
    }

    /// A recorder that writes its batches through `recordUsage`.
    public func usageRecorder(capacity: Int = 10_000, interval: Duration = .seconds(2)) -> APIKeyUsageRecorder {
        let repository = self
        return APIKeyUsageRecorder(capacity: capacity, interval: interval) { batch in
            try await repository.recordUsage(batch)
        }
    }
}
