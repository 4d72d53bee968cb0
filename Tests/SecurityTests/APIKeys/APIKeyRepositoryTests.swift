import MongoStore
import Testing

@testable import Security

/// `APIKeyRepository` against a live database.
@Suite("API key repository")
struct APIKeyRepositoryTests {
    let hasher = APIKeyHasher.development

    func user(_ db: MongoDatabase, role: String) async throws -> ObjectID {
        let id = ObjectID()
        try await db.collection("users").insertOne(["_id": .objectID(id), "role": .string(role)])
        return id
    }

    /// Every string anywhere in `value`.
    func strings(in value: BSONValue) -> [String] {
        switch value {
        case .string(let text): [text]
        case .document(let document): document.values.flatMap(strings)
        case .array(let values): values.flatMap(strings)
        default: []
        }
    }

    @Test("create stores the prefix and keyed hash, never the key, and the key verifies")
    func create() async throws {
        try await TestDatabase.with { db in
            let repository = APIKeyRepository(database: db, hasher: hasher)
            let owner = try await user(db, role: "driver")
            let created = try await repository.create(
                userId: owner, name: "driver app", permissions: Role.driver.maximalPermissions, kind: .live)
            let stored = try #require(try await db.collection("apikeys").findOne(["_id": .objectID(created.key.id)]))
            #expect(try stored.get("key", as: String.self) == hasher.hash(created.token))
            #expect(try stored.get("keyPrefix", as: String.self) == created.token.lookupPrefix)
            #expect(try stored.get("isActive", as: Bool.self))
            #expect(try stored.get("requestCount", as: Int64.self) == 0)
            let texts = strings(in: .document(stored))
            #expect(!texts.contains { $0.contains(created.token.body) || $0.contains(created.token.body.suffix(31)) })
            let verified = try await APIKeyVerifier(store: repository, hasher: hasher).verify(created.token.text)
            #expect(verified.role == .driver)
            #expect(verified.userId == owner)
            #expect(verified.permissions == Role.driver.maximalPermissions)
            #expect(try await repository.find(lookupPrefix: created.token.lookupPrefix)?.id == created.key.id)
        }
    }

    @Test("list shows every key without its hash; revoke makes the key fail like an unknown one")
    func listAndRevoke() async throws {
        try await TestDatabase.with { db in
            let repository = APIKeyRepository(database: db, hasher: hasher)
            let verifier = APIKeyVerifier(store: repository, hasher: hasher)
            let owner = try await user(db, role: "support")
            let first = try await repository.create(
                userId: owner, name: "one", permissions: [.rescuesRead], kind: .test)
            let second = try await repository.create(
                userId: owner, name: "two", permissions: [.piiContact], kind: .test,
                expiresAt: BSONDate(millisecondsSinceEpoch: BSONDate.now().millisecondsSinceEpoch + 86_400_000))
            let listed = try await repository.list()
            #expect(listed.map(\.id) == [first.key.id, second.key.id])
            #expect(listed.map(\.name) == ["one", "two"])
            #expect(listed.map(\.keyPrefix) == [first.token.lookupPrefix, second.token.lookupPrefix])
            #expect(listed[1].expiresAt != nil)
            #expect(try await repository.list(userId: ObjectID()).isEmpty)

            #expect(try await repository.revoke(id: first.key.id))
            #expect(try await !repository.revoke(id: ObjectID()))
            #expect(try await repository.list().map(\.isActive) == [false, true])
            await #expect(throws: AuthenticationError.invalidKey) { try await verifier.verify(first.token.text) }
            _ = try await verifier.verify(second.token.text)
            // An expired key (moved past its expiry) and a key whose user is gone fail the same way.
            let later = BSONDate(millisecondsSinceEpoch: BSONDate.now().millisecondsSinceEpoch + 2 * 86_400_000)
            await #expect(throws: AuthenticationError.invalidKey) {
                try await verifier.verify(second.token.text, now: later)
            }
            try await db.collection("users").deleteOne(["_id": .objectID(owner)])
            await #expect(throws: AuthenticationError.invalidKey) { try await verifier.verify(second.token.text) }
        }
    }

    @Test("N verified requests become one bulk write with the right counts and last use")
    func usageBatching() async throws {
        try await TestDatabase.with { db in
            let repository = APIKeyRepository(database: db, hasher: hasher)
            let owner = try await user(db, role: "rider")
            let keys = [
                try await repository.create(userId: owner, name: "a", permissions: [.rescuesRead], kind: .live),
                try await repository.create(userId: owner, name: "b", permissions: [.rescuesRead], kind: .live),
            ]
            let writes = BatchLog()
            let recorder = APIKeyUsageRecorder { batch in
                await writes.append(batch)
                try await repository.recordUsage(batch)
            }
            let verifier = APIKeyVerifier(store: repository, hasher: hasher, usage: recorder)
            let base: Int64 = 1_900_000_000_000
            for index in 0..<25 {
                let key = keys[index % 5 == 0 ? 1 : 0]
                _ = try await verifier.verify(
                    key.token.text, now: BSONDate(millisecondsSinceEpoch: base + Int64(index)))
            }
            // Nothing written yet: the requests did not touch the counters.
            #expect(try await repository.list().map(\.requestCount) == [0, 0])
            await recorder.flush()
            #expect(await writes.batches.count == 1)
            let listed = try await repository.list()
            #expect(listed.map(\.requestCount) == [20, 5])
            #expect(listed[0].lastUsedAt == BSONDate(millisecondsSinceEpoch: base + 24))
            #expect(listed[1].lastUsedAt == BSONDate(millisecondsSinceEpoch: base + 20))
            // A second batch adds; an older time never moves lastUsedAt back ($max).
            recorder.record(keyId: keys[1].key.id, at: BSONDate(millisecondsSinceEpoch: base))
            await recorder.flush()
            let again = try await repository.list()
            #expect(again[1].requestCount == 6)
            #expect(again[1].lastUsedAt == BSONDate(millisecondsSinceEpoch: base + 20))
            #expect(recorder.statistics.batchesWritten == 2)
        }
    }
}
