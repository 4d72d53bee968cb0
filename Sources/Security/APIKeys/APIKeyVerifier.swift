public import MongoStore

/// Checks a presented key: parse, look the record up by its prefix, compare the
/// keyed hash in constant time, check `isActive` and `expiresAt`, read the
/// user's role (`README.md`, "Permissions").
///
/// Every refusal is the same `AuthenticationError.invalidKey`. A missing or
/// malformed key (not `sk_live_`/`sk_test_` and its digits) is refused before
/// any lookup: its shape is the client's own knowledge, so answering it at
/// once tells nothing, and a client sending garbage costs no database round
/// trip. A well-formed key costs one store lookup (cached by
/// `CachedAPIKeyStore`) and one HMAC, found or not (an unknown prefix hashes
/// the presented text against a dummy hash), so neither the answer nor the
/// hashing tells a client whether a key was revoked or expired rather than
/// wrong. The one exception is the key that verified last against the same
/// stored record (`VerificationMemo`): presented again, byte for byte, while
/// that record is cached, it is not hashed again; and a server that compared
/// the text itself may take a verification again without any lookup until
/// that record would be read again (`verified` and `again`, which the
/// gateway uses per connection). (With the cache, a prefix
/// asked for within its lifetime answers faster than a new one, found or not;
/// that tells only that it was asked for.)
///
/// Errors of the store itself (database unreachable) are rethrown as they are:
/// they are not the client's fault, and the server answers them as an internal
/// error, not as `UNAUTHENTICATED`.
public struct APIKeyVerifier: Sendable {
    public let store: any APIKeyStore
    public let hasher: APIKeyHasher
    /// Kinds this deployment accepts (production: `[.live]`); a key of another
    /// kind is refused like an unknown one.
    public let acceptedKinds: Set<APIKeyKind>
    /// Where successful uses are counted, off the request's critical path.
    public let usage: APIKeyUsageRecorder?

    public init(
        store: any APIKeyStore, hasher: APIKeyHasher, acceptedKinds: Set<APIKeyKind> = Set(APIKeyKind.allCases),
        usage: APIKeyUsageRecorder? = nil
    ) {
        self.store = store
        self.hasher = hasher
        self.acceptedKinds = acceptedKinds
        self.usage = usage
    }

    /// Bytes of the presented text that are hashed: more than any key's length (51).
    static let maximumHashedLength = 64
    /// What an unknown prefix compares against: 32 zero bytes.
    static let dummyMAC = [UInt8](repeating: 0, count: 32)

    /// The request's identity for the key `text` (as sent, already taken out of
    /// its header), or `AuthenticationError.invalidKey`.
    public func verify(_ text: String, now: BSONDate = .now()) async throws -> AuthenticatedKey {
        try await verified(text, now: now).key
    }

    /// A verified key, and until when the same key text may be taken as the
    /// same key without asking the store again (``again(_:now:)``).
    public struct Verified: Sendable {
        public let key: AuthenticatedKey
        /// The record's `reusableUntil` (`APIKeyCandidate`): the bound a
        /// revocation, an edit or a role change takes effect within, the same
        /// as for a verification made against the cached record. Nil: no reuse.
        public let reusableUntil: ContinuousClock.Instant?
        /// The record's `expiresAt`, checked on every reuse.
        let expiresAt: BSONDate?
    }

    /// `verify(_:now:)`, with the bound within which its answer may be given again.
    public func verified(_ text: String, now: BSONDate = .now()) async throws -> Verified {
        guard let token = APIKeyToken(parsing: text), acceptedKinds.contains(token.kind) else {
            throw AuthenticationError.invalidKey
        }
        let candidate = try await store.candidate(forLookupPrefix: token.lookupPrefix)
        // A well-formed key is short (`APIKeyToken`); the prefix bound is belt and braces.
        let presentedText = Array(text.utf8.prefix(Self.maximumHashedLength))
        if let candidate, candidate.key.isUsable(at: now),
            let remembered = candidate.memo.key(presented: presentedText, candidate: candidate, hasher: hasher)
        {
            usage?.record(keyId: candidate.key.id, at: now)
            return Verified(
                key: remembered, reusableUntil: candidate.reusableUntil, expiresAt: candidate.key.expiresAt)
        }
        let presented = hasher.mac(ofText: String(decoding: presentedText, as: UTF8.self))
        let expected = candidate.flatMap { Hex.decode($0.key.keyHash) } ?? Self.dummyMAC
        let hashMatches = ConstantTime.equals(presented, expected)
        guard let candidate, hashMatches, candidate.key.keyPrefix == token.lookupPrefix,
            candidate.key.isUsable(at: now), let role = candidate.role
        else {
            throw AuthenticationError.invalidKey
        }
        usage?.record(keyId: candidate.key.id, at: now)
        let key = AuthenticatedKey(
            keyId: candidate.key.id, userId: candidate.key.userId, role: role, kind: token.kind,
            lookupPrefix: token.lookupPrefix, keyPermissions: candidate.key.permissions, profiles: candidate.profiles,
            rateLimit: candidate.key.rateLimit)
        candidate.memo.remember(presented: presentedText, candidate: candidate, hasher: hasher, key: key)
        return Verified(key: key, reusableUntil: candidate.reusableUntil, expiresAt: candidate.key.expiresAt)
    }

    /// `verified` taken again for the same key text, as answering it from the
    /// cached record would: nil once past its `reusableUntil` or the key's
    /// expiry (verify again then); otherwise the use is counted like any other.
    /// The caller compares the text (`ConnectionCredentials` in the gateway).
    public func again(_ verified: Verified, now: BSONDate = .now()) -> AuthenticatedKey? {
        guard let until = verified.reusableUntil, ContinuousClock.now < until else { return nil }
        if let expiresAt = verified.expiresAt, expiresAt <= now { return nil }
        usage?.record(keyId: verified.key.keyId, at: now)
        return verified.key
    }

    /// `verify` for the key in a request's headers (`APIKeyHeaders`); no key or
    /// a malformed header is `invalidKey` too.
    public func verify(headers: some Sequence<(name: String, value: String)>, now: BSONDate = .now()) async throws
        -> AuthenticatedKey
    {
        try await verified(headers: headers, now: now).key
    }

    /// `verified(_:now:)` for the key in a request's headers.
    public func verified(headers: some Sequence<(name: String, value: String)>, now: BSONDate = .now()) async throws
        -> Verified
    {
        let presented: String
        do {
            presented = try APIKeyHeaders.credential(in: headers) ?? ""
        } catch {
            presented = ""
        }
        return try await verified(presented, now: now)
    }
}
