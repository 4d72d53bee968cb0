import MongoStore
import Synchronization
import Testing

@testable import Security

/// Keys in memory, counting lookups so tests can see every path does one.
actor MemoryKeyStore: APIKeyStore {
    var candidates: [String: APIKeyCandidate] = [:]
    var lookups: [String] = []

    func add(_ candidate: APIKeyCandidate) {
        if let prefix = candidate.key.keyPrefix { candidates[prefix] = candidate }
    }

    func candidate(forLookupPrefix lookupPrefix: String) async throws -> APIKeyCandidate? {
        lookups.append(lookupPrefix)
        return candidates[lookupPrefix]
    }

    func lookupCount() -> Int { lookups.count }

    /// Changes a stored candidate in place, as a copy that keeps its memo.
    func update(_ prefix: String, _ change: (inout APIKeyCandidate) -> Void) {
        guard var candidate = candidates[prefix] else { return }
        change(&candidate)
        candidates[prefix] = candidate
    }
}

@Suite("API key verification")
struct APIKeyVerifierTests {
    let hasher = APIKeyHasher.development
    let now = BSONDate(millisecondsSinceEpoch: 1_800_000_000_000)

    /// A store with one key of `role` (holding `permissions`), and the key.
    func store(
        role: Role? = .rider, permissions: [String] = ["rescues:read", "pii:contact", "pii:financial"],
        isActive: Bool = true, expiresAt: BSONDate? = nil, kind: APIKeyKind = .live
    ) async -> (MemoryKeyStore, APIKeyToken, StoredAPIKey) {
        let token = APIKeyToken.generate(kind)
        let stored = StoredAPIKey(
            id: ObjectID(), userId: ObjectID(), name: "test", keyPrefix: token.lookupPrefix,
            keyHash: hasher.hash(token),
            permissionNames: permissions, isActive: isActive, expiresAt: expiresAt)
        let store = MemoryKeyStore()
        await store.add(APIKeyCandidate(key: stored, role: role))
        return (store, token, stored)
    }

    @Test("a valid key gives its user, role and the key's permissions limited by the role")
    func success() async throws {
        let (store, token, stored) = await store(
            expiresAt: BSONDate(millisecondsSinceEpoch: now.millisecondsSinceEpoch + 1))
        let verified = try await APIKeyVerifier(store: store, hasher: hasher).verify(token.text, now: now)
        #expect(verified.keyId == stored.id)
        #expect(verified.userId == stored.userId)
        #expect(verified.role == .rider)
        #expect(verified.kind == .live)
        #expect(verified.keyPermissions == [.rescuesRead, .piiContact, .piiFinancial])
        #expect(verified.permissions == [.rescuesRead, .piiContact])  // a rider may not hold pii:financial
    }

    /// Expects `text` to be refused with the one error, after `lookups` store
    /// lookups (one for a well-formed key, none for a malformed one).
    func expectRefused(_ text: String, _ store: MemoryKeyStore, verifier: APIKeyVerifier? = nil, lookups: Int = 1)
        async
    {
        let before = await store.lookupCount()
        await #expect(throws: AuthenticationError.invalidKey) {
            try await (verifier ?? APIKeyVerifier(store: store, hasher: hasher)).verify(text, now: now)
        }
        #expect(await store.lookupCount() == before + lookups)
        #expect(AuthenticationError.invalidKey.description == "Invalid or missing API key")
    }

    @Test("unknown, revoked and expired keys get the same error after the same work; malformed ones, without a lookup")
    func sameRefusal() async {
        let (store, token, _) = await store()
        await expectRefused(APIKeyToken.generate(.live).text, store)  // unknown prefix
        let (revoked, revokedToken, _) = await self.store(isActive: false)
        await expectRefused(revokedToken.text, revoked)
        let (expired, expiredToken, _) = await self.store(expiresAt: now)
        await expectRefused(expiredToken.text, expired)
        for malformed in [
            "", "garbage", token.text + "x", token.text + String(repeating: "x", count: 100_000),
            String(token.text.dropLast()), "Bearer " + token.text,
        ] {
            await expectRefused(malformed, store, lookups: 0)
        }
        // The right prefix with a wrong secret part: found, but the hash differs.
        let last = token.text.last == "A" ? "B" : "A"
        await expectRefused(String(token.text.dropLast()) + last, store)
        // Still works afterwards.
        let verified = try? await APIKeyVerifier(store: store, hasher: hasher).verify(token.text, now: now)
        #expect(verified != nil)
    }

    @Test("a key whose user is gone or has no known role, or of a kind not accepted, is refused the same way")
    func otherRefusals() async {
        let (orphan, orphanToken, _) = await store(role: nil)
        await expectRefused(orphanToken.text, orphan)
        let (testStore, testToken, _) = await store(kind: .test)
        await expectRefused(
            testToken.text, testStore,
            verifier: APIKeyVerifier(store: testStore, hasher: hasher, acceptedKinds: [.live]), lookups: 0)
        let (store, token, _) = await store()
        let otherPepper = APIKeyHasher(pepperBytes: Array(repeating: 9, count: 32))
        await expectRefused(token.text, store, verifier: APIKeyVerifier(store: store, hasher: otherPepper))
    }

    @Test("a key stored with an empty permission list grants nothing")
    func emptyList() async throws {
        let (store, token, _) = await store(role: .admin, permissions: [])
        let verified = try await APIKeyVerifier(store: store, hasher: hasher).verify(token.text, now: now)
        #expect(verified.permissions.isEmpty)
    }

    @Test("headers: a missing or malformed header is the same invalid key; a good one verifies")
    func headers() async throws {
        let (store, token, _) = await store()
        let verifier = APIKeyVerifier(store: store, hasher: hasher)
        for headers in [[], [(name: "Authorization", value: "Basic abc")], [(name: "X-API-Key", value: "")]] {
            await #expect(throws: AuthenticationError.invalidKey) {
                try await verifier.verify(headers: headers, now: now)
            }
        }
        let verified = try await verifier.verify(
            headers: [(name: "Authorization", value: "Bearer \(token.text)")], now: now)
        #expect(verified.role == .rider)
    }

    @Test("a key verified before is not hashed again, but a near miss, a changed record or another pepper is")
    func memo() async throws {
        let (store, token, stored) = await store(
            expiresAt: BSONDate(millisecondsSinceEpoch: now.millisecondsSinceEpoch + 60_000))
        let verifier = APIKeyVerifier(store: store, hasher: hasher)
        let first = try await verifier.verify(token.text, now: now)
        let prefix = try #require(stored.keyPrefix)
        let remembered = try #require(await store.candidates[prefix])
        #expect(
            remembered.memo.key(presented: Array(token.text.utf8), candidate: remembered, hasher: hasher) == first)
        #expect(try await verifier.verify(token.text, now: now) == first)
        // The same prefix with another secret: the memo does not match, the hash refuses it.
        let last = token.text.last == "A" ? "B" : "A"
        await expectRefused(String(token.text.dropLast()) + last, store, verifier: verifier)
        // Another pepper: its own hash decides, whatever this one verified.
        let otherPepper = APIKeyHasher(pepperBytes: Array(repeating: 9, count: 32))
        await expectRefused(token.text, store, verifier: APIKeyVerifier(store: store, hasher: otherPepper))
        // Past its expiry, a remembered key is refused like any other.
        await #expect(throws: AuthenticationError.invalidKey) {
            try await verifier.verify(
                token.text, now: BSONDate(millisecondsSinceEpoch: self.now.millisecondsSinceEpoch + 60_000))
        }
        // The record changed in place (the memo comes along in the copy): the memo no longer applies.
        await store.update(prefix) { $0.key.isActive = false }
        await expectRefused(token.text, store, verifier: verifier)
        await store.update(prefix) { $0.key.isActive = true }
        await store.update(prefix) { $0.role = .driver }
        #expect(try await verifier.verify(token.text, now: now).role == .driver)
    }

    @Test("a memo goes away with its record: it does not hold the candidate that holds it")
    func memoIsReleased() async throws {
        weak var memo: VerificationMemo?
        do {
            let (store, token, stored) = await store()
            _ = try await APIKeyVerifier(store: store, hasher: hasher).verify(token.text, now: now)
            let prefix = try #require(stored.keyPrefix)
            let candidate = try #require(await store.candidates[prefix])
            #expect(candidate.memo.key(presented: Array(token.text.utf8), candidate: candidate, hasher: hasher) != nil)
            memo = candidate.memo
        }
        #expect(memo == nil)
    }

    @Test("only successful verifications are counted as uses")
    func usage() async throws {
        let (store, token, stored) = await store()
        let batches = BatchLog()
        let recorder = APIKeyUsageRecorder { await batches.append($0) }
        let verifier = APIKeyVerifier(store: store, hasher: hasher, usage: recorder)
        for _ in 0..<3 { _ = try await verifier.verify(token.text, now: now) }
        _ = try? await verifier.verify(APIKeyToken.generate(.live).text, now: now)
        await recorder.flush()
        #expect(await batches.batches == [[APIKeyUsageRecorder.Usage(keyId: stored.id, count: 3, lastUsedAt: now)]])
    }
}

actor BatchLog {
    var batches: [[APIKeyUsageRecorder.Usage]] = []
    func append(_ batch: [APIKeyUsageRecorder.Usage]) { batches.append(batch) }
}

@Suite("Cached API key store")
struct CachedAPIKeyStoreTests {
    let hasher = APIKeyHasher.development

    func stored(_ token: APIKeyToken, isActive: Bool = true, expiresAt: BSONDate? = nil) -> APIKeyCandidate {
        APIKeyCandidate(
            key: StoredAPIKey(
                id: ObjectID(), userId: ObjectID(), name: "t", keyPrefix: token.lookupPrefix,
                keyHash: hasher.hash(token), permissionNames: ["rescues:read"], isActive: isActive,
                expiresAt: expiresAt),
            role: .rider)
    }

    @Test("a known and an unknown prefix are each read once per lifetime")
    func cachesBothAnswers() async throws {
        let base = MemoryKeyStore()
        let token = APIKeyToken.generate(.live)
        await base.add(stored(token))
        let cache = CachedAPIKeyStore(base: base, lifetime: .seconds(60))
        let verifier = APIKeyVerifier(store: cache, hasher: hasher)
        let unknown = APIKeyToken.generate(.live).text
        for _ in 0..<5 {
            _ = try await verifier.verify(token.text)
            await #expect(throws: AuthenticationError.invalidKey) { try await verifier.verify(unknown) }
        }
        #expect(await base.lookupCount() == 2)
    }

    @Test("a revoked key is refused once the lifetime has passed, and no verification is taken again past it")
    func revocationWithinTheLifetime() async throws {
        let base = MemoryKeyStore()
        let token = APIKeyToken.generate(.live)
        await base.add(stored(token))
        let lifetime = Duration.milliseconds(200)
        let verifier = APIKeyVerifier(store: CachedAPIKeyStore(base: base, lifetime: lifetime), hasher: hasher)
        let verified = try await verifier.verified(token.text)
        let until = try #require(verified.reusableUntil)
        await base.add(stored(token, isActive: false))
        try await Task.sleep(until: max(until, .now + lifetime) + .milliseconds(50), clock: .continuous)
        #expect(verifier.again(verified) == nil)
        await #expect(throws: AuthenticationError.invalidKey) { try await verifier.verify(token.text) }
        #expect(await base.lookupCount() == 2)
    }

    @Test("a verification is taken again within the cached record's lifetime, each use counted")
    func againWithinTheLifetime() async throws {
        let base = MemoryKeyStore()
        let token = APIKeyToken.generate(.live)
        await base.add(stored(token))
        let lifetime = Duration.seconds(60)
        let counted = UsageCount()
        let usage = APIKeyUsageRecorder(interval: .seconds(60)) { uses in counted.add(uses) }
        let verifier = APIKeyVerifier(
            store: CachedAPIKeyStore(base: base, lifetime: lifetime), hasher: hasher, usage: usage)
        let verified = try await verifier.verified(token.text)
        let until = try #require(verified.reusableUntil)
        #expect(until <= ContinuousClock.now + lifetime)
        #expect(verifier.again(verified) == verified.key)
        #expect(verifier.again(verified) == verified.key)
        await usage.flush()
        #expect(counted.total == 3)
        #expect(await base.lookupCount() == 1)
    }

    @Test("no reuse without a cache, nor past the key's expiry")
    func noReuse() async throws {
        let now = BSONDate(millisecondsSinceEpoch: 1_800_000_000_000)
        let expiry = BSONDate(millisecondsSinceEpoch: now.millisecondsSinceEpoch + 1_000)
        let base = MemoryKeyStore()
        let token = APIKeyToken.generate(.live)
        await base.add(stored(token, expiresAt: expiry))
        let uncached = APIKeyVerifier(store: base, hasher: hasher)
        let once = try await uncached.verified(token.text, now: now)
        #expect(once.reusableUntil == nil)
        #expect(uncached.again(once, now: now) == nil)

        let verifier = APIKeyVerifier(store: CachedAPIKeyStore(base: base, lifetime: .seconds(60)), hasher: hasher)
        let verified = try await verifier.verified(token.text, now: now)
        #expect(verifier.again(verified, now: now) == verified.key)
        #expect(verifier.again(verified, now: expiry) == nil)
    }

    @Test("concurrent lookups of one prefix share one read")
    func singleFlight() async throws {
        let base = MemoryKeyStore()
        let token = APIKeyToken.generate(.live)
        await base.add(stored(token))
        let cache = CachedAPIKeyStore(base: base, lifetime: .seconds(60))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<50 {
                group.addTask { _ = try await cache.candidate(forLookupPrefix: token.lookupPrefix) }
            }
            try await group.waitForAll()
        }
        #expect(await base.lookupCount() <= 2)
    }

    @Test("the cache holds at most its capacity")
    func bounded() async throws {
        let base = MemoryKeyStore()
        let cache = CachedAPIKeyStore(base: base, lifetime: .seconds(60), capacity: 3)
        for _ in 0..<10 { _ = try await cache.candidate(forLookupPrefix: APIKeyToken.generate(.live).lookupPrefix) }
        #expect(await base.lookupCount() == 10)
        #expect(cache.count <= 3)
    }
}

/// Uses a recorder wrote, added up.
final class UsageCount: Sendable {
    private let uses = Mutex<Int64>(0)
    var total: Int64 { uses.withLock { $0 } }
    func add(_ batch: [APIKeyUsageRecorder.Usage]) { uses.withLock { $0 += batch.reduce(0) { $0 + $1.count } } }
}
