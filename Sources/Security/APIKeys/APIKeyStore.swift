/// A stored key with its user's role: what verification needs from storage.
public struct APIKeyCandidate: Sendable, Hashable {
    public var key: StoredAPIKey
    /// The role of the key's user; nil when the user is missing or its stored
    /// role is not one of `Role` (such a key authenticates nobody).
    public var role: Role?

    public init(key: StoredAPIKey, role: Role?) {
        self.key = key
        self.role = role
    }
}

/// Where verification looks keys up: `APIKeyRepository` over MongoDB, or an
/// in-memory table in tests.
public protocol APIKeyStore: Sendable {
    /// The key whose `keyPrefix` is `lookupPrefix`, with its user's role; nil
    /// when there is none.
    func candidate(forLookupPrefix lookupPrefix: String) async throws -> APIKeyCandidate?
}
