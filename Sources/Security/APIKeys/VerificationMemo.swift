import Synchronization

/// The last successful verification against one stored key record: the
/// presented key's bytes and what it verified as.
///
/// A candidate read from the store carries one (`APIKeyCandidate.memo`);
/// while `CachedAPIKeyStore` keeps that candidate (its lifetime, 5 s by
/// default), requests presenting the very same key text are answered from
/// here without the keyed hash (3% of a cheap authenticated request's CPU in
/// a profile of `{ __typename }` under load). Nothing about the staleness bound changes: the memo
/// lives and dies with the cached record it was checked against, and a hit
/// still requires that record to be the same value (`candidate`) and still
/// usable at the request's time (`APIKeyVerifier.verify`).
///
/// Safe against guessing: a hit needs the full key text, compared in constant
/// time; any other text (a wrong key with a right prefix) misses and pays the
/// keyed hash like before, so timing tells a client nothing it did not send.
public final class VerificationMemo: Sendable {
    struct Entry: Sendable {
        /// The presented text's bytes, as hashed (`APIKeyVerifier.maximumHashedLength`).
        var presented: [UInt8]
        /// The record it verified against: its values, not the candidate
        /// itself, which holds this memo (a cycle that would keep every
        /// memo and record alive after the cache let go of them).
        var record: StoredAPIKey
        var role: Role?
        var profiles: ProfileIds?
        /// The hasher that verified it (`APIKeyHasher.fingerprint`).
        var hasher: [UInt8]
        var key: AuthenticatedKey
    }

    private let entry = Mutex<Entry?>(nil)

    public init() {}

    /// What `presented` verified as against `candidate` under `hasher` before, if it did.
    func key(presented: [UInt8], candidate: APIKeyCandidate, hasher: APIKeyHasher) -> AuthenticatedKey? {
        // Compared in place, under the lock: copying the entry out cost more than the comparisons.
        entry.withLock { entry in
            guard let before = entry?.presented, ConstantTime.equals(presented, before),
                entry?.hasher == hasher.fingerprint, entry?.record == candidate.key, entry?.role == candidate.role,
                entry?.profiles == candidate.profiles
            else { return nil }
            return entry?.key
        }
    }

    func remember(presented: [UInt8], candidate: APIKeyCandidate, hasher: APIKeyHasher, key: AuthenticatedKey) {
        entry.withLock {
            $0 = Entry(
                presented: presented, record: candidate.key, role: candidate.role, profiles: candidate.profiles,
                hasher: hasher.fingerprint, key: key)
        }
    }
}
