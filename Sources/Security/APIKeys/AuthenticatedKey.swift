public import MongoStore

/// Who a verified request acts as: the key, its user and role, and what it may do.
public struct AuthenticatedKey: Sendable, Hashable {
    public var keyId: ObjectID
    public var userId: ObjectID
    public var role: Role
    public var kind: APIKeyKind
    /// The key's lookup prefix (safe to log).
    public var lookupPrefix: String
    /// The catalogue permissions the key lists.
    public var keyPermissions: PermissionSet
    /// `effectivePermissions(keyPermissions, role:)`: what the request may do.
    public var permissions: PermissionSet
    /// The user's profile ids when the key's store read them with the key (nil: not read).
    public var profiles: ProfileIds?
    /// The key's own rate limits (`apikeys.rateLimit`), nil for its role's defaults.
    public var rateLimit: APIKeyRateLimit?

    public init(
        keyId: ObjectID, userId: ObjectID, role: Role, kind: APIKeyKind, lookupPrefix: String,
        keyPermissions: PermissionSet, profiles: ProfileIds? = nil, rateLimit: APIKeyRateLimit? = nil
    ) {
        self.profiles = profiles
        self.rateLimit = rateLimit
        self.keyId = keyId
        self.userId = userId
        self.role = role
        self.kind = kind
        self.lookupPrefix = lookupPrefix
        self.keyPermissions = keyPermissions
        self.permissions = effectivePermissions(keyPermissions, role: role)
    }
}
