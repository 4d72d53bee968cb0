public import MongoStore

/// An `apikeys` document as the gateway reads it, hash included: used only
/// inside verification and the repository, never served (`APIKeySummary` is
/// what lists show).
public struct StoredAPIKey: Sendable, Hashable {
    public var id: ObjectID
    public var userId: ObjectID
    public var name: String
    /// `apikeys.keyPrefix`: the token's lookup prefix; nil on records written before prefixes were kept.
    public var keyPrefix: String?
    /// `apikeys.key`: 64 hex digits of `APIKeyHasher.hash`.
    public var keyHash: String
    /// The stored permission names, as written (unknown names are kept here and ignored when granting).
    public var permissionNames: [String] {
        didSet { permissions = PermissionSet.parsing(permissionNames).permissions }
    }
    /// The permissions of the catalogue among `permissionNames`, parsed once
    /// when the record is read (a cached record serves many requests).
    public private(set) var permissions: PermissionSet
    public var isActive: Bool
    public var requestCount: Int64
    public var lastUsedAt: BSONDate?
    public var expiresAt: BSONDate?
    public var createdAt: BSONDate?
    public var updatedAt: BSONDate?
    /// `apikeys.rateLimit`: the key's own rate limits, nil for its role's defaults.
    public var rateLimit: APIKeyRateLimit?

    public init(
        id: ObjectID, userId: ObjectID, name: String, keyPrefix: String?, keyHash: String, permissionNames: [String],
        isActive: Bool, requestCount: Int64 = 0, lastUsedAt: BSONDate? = nil, expiresAt: BSONDate? = nil,
        createdAt: BSONDate? = nil, updatedAt: BSONDate? = nil, rateLimit: APIKeyRateLimit? = nil
    ) {
        self.id = id
        self.userId = userId
        self.name = name
        self.keyPrefix = keyPrefix
        self.keyHash = keyHash
        self.permissionNames = permissionNames
        self.permissions = PermissionSet.parsing(permissionNames).permissions
        self.isActive = isActive
        self.requestCount = requestCount
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.rateLimit = rateLimit
    }

    /// Whether the key may be used at `now`: active and not past `expiresAt`.
    public func isUsable(at now: BSONDate) -> Bool {
        guard isActive else { return false }
        if let expiresAt, expiresAt <= now { return false }
        return true
    }

    /// Reads an `apikeys` document.
    public init(document: BSONDocument) throws(BSONError) {
        self.init(
            id: try document.get("_id"), userId: try document.get("userId"),
            name: try document["name", as: String.self] ?? "", keyPrefix: try document["keyPrefix", as: String.self],
            keyHash: try document.get("key"), permissionNames: try document["permissions", as: [String].self] ?? [],
            isActive: try document["isActive", as: Bool.self] ?? false,
            requestCount: try document["requestCount", as: Int64.self] ?? 0,
            lastUsedAt: try document["lastUsedAt", as: BSONDate.self],
            expiresAt: try document["expiresAt", as: BSONDate.self],
            createdAt: try document["createdAt", as: BSONDate.self],
            updatedAt: try document["updatedAt", as: BSONDate.self],
            rateLimit: APIKeyRateLimit(bsonValue: document["rateLimit"]))
    }

    /// The document written to `apikeys`.
    public var document: BSONDocument {
        var document: BSONDocument = [
            "_id": .objectID(id), "userId": .objectID(userId), "key": .string(keyHash), "name": .string(name),
            "permissions": .array(permissionNames.map(BSONValue.string)), "isActive": .bool(isActive),
            "requestCount": .int64(requestCount),
        ]
        document.set("keyPrefix", keyPrefix)
        document.set("lastUsedAt", lastUsedAt)
        document.set("expiresAt", expiresAt)
        document.set("createdAt", createdAt)
        document.set("updatedAt", updatedAt)
        document.set("rateLimit", rateLimit?.document)
        return document
    }
}

/// What a list of keys shows: everything but the hash (and the key itself,
/// which is never stored).
public struct APIKeySummary: Sendable, Hashable {
    public var id: ObjectID
    public var userId: ObjectID
    public var name: String
    public var keyPrefix: String?
    public var permissionNames: [String]
    public var isActive: Bool
    public var requestCount: Int64
    public var lastUsedAt: BSONDate?
    public var expiresAt: BSONDate?
    public var createdAt: BSONDate?

    public init(_ stored: StoredAPIKey) {
        self.id = stored.id
        self.userId = stored.userId
        self.name = stored.name
        self.keyPrefix = stored.keyPrefix
        self.permissionNames = stored.permissionNames
        self.isActive = stored.isActive
        self.requestCount = stored.requestCount
        self.lastUsedAt = stored.lastUsedAt
        self.expiresAt = stored.expiresAt
        self.createdAt = stored.createdAt
    }
}
