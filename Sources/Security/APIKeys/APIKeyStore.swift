public import MongoStore

/// A stored key with its user's role: what verification needs from storage.
public struct APIKeyCandidate: Sendable, Hashable {
    public var key: StoredAPIKey
    /// The role of the key's user; nil when the user is missing or its stored
    /// role is not one of `Role` (such a key authenticates nobody).
    public var role: Role?
    /// The user's rider and driver profile ids, when the store read them with
    /// the key (nil: not read; the row scope then looks them up).
    public var profiles: ProfileIds?
    /// The last key that verified against this record (shared by the copies
    /// of one read; not part of its value: equality and hashing ignore it).
    public let memo = VerificationMemo()
    /// Until when the store may answer with this record instead of reading
    /// it again: its read time plus the cache's lifetime (`CachedAPIKeyStore`);
    /// nil from a store that reads every time. A verification made against
    /// the record may be taken again until then, and no longer
    /// (`APIKeyVerifier.Verified`). Not part of its value either.
    public var reusableUntil: ContinuousClock.Instant?

    public init(key: StoredAPIKey, role: Role?, profiles: ProfileIds? = nil) {
        self.key = key
        self.role = role
        self.profiles = profiles
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.key == rhs.key && lhs.role == rhs.role && lhs.profiles == rhs.profiles
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(role)
        hasher.combine(profiles)
    }
}

/// A user's profile ids (`riderprofiles._id`, `driverprofiles._id`), either nil
/// when the user has no such profile.
public struct ProfileIds: Sendable, Hashable {
    public var rider: ObjectID?
    public var driver: ObjectID?

    public init(rider: ObjectID? = nil, driver: ObjectID? = nil) {
        self.rider = rider
        self.driver = driver
    }
}

/// Where verification looks keys up: `APIKeyRepository` over MongoDB, or an
/// in-memory table in tests.
public protocol APIKeyStore: Sendable {
    /// The key whose `keyPrefix` is `lookupPrefix`, with its user's role; nil
    /// when there is none.
    func candidate(forLookupPrefix lookupPrefix: String) async throws -> APIKeyCandidate?
}
