import MongoStore
import Testing

@testable import Security

/// `apikeys.rateLimit`: a key's own rate limits, read with the key and handed
/// on with its identity.
@Suite("API key rate-limit overrides")
struct APIKeyRateLimitTests {
    static func stored(rateLimit: BSONValue?) throws -> StoredAPIKey {
        var document: BSONDocument = [
            "_id": .objectID(ObjectID()), "userId": .objectID(ObjectID()), "key": "00", "isActive": true,
        ]
        document.set("rateLimit", rateLimit)
        return try StoredAPIKey(document: document)
    }

    @Test("either field may be given; the stored form reads back the same")
    func roundTrip() throws {
        let both = try Self.stored(rateLimit: ["requestsPerMinute": 30, "costPerMinute": .int64(5_000)])
        #expect(both.rateLimit == APIKeyRateLimit(requestsPerMinute: 30, costPerMinute: 5_000))
        #expect(try StoredAPIKey(document: both.document).rateLimit == both.rateLimit)
        let one = try Self.stored(rateLimit: ["costPerMinute": .double(800)])
        #expect(one.rateLimit == APIKeyRateLimit(requestsPerMinute: nil, costPerMinute: 800))
        #expect(try Self.stored(rateLimit: .none).rateLimit == nil)
    }

    @Test("a malformed override is ignored, never a reason the key fails to authenticate")
    func lenient() throws {
        for value: BSONValue in [
            "fast", ["requestsPerMinute": "100"], ["requestsPerMinute": 0], ["costPerMinute": -5], [:],
            ["requestsPerMinute": .double(1.5)],
        ] {
            #expect(try Self.stored(rateLimit: value).rateLimit == nil, "\(value)")
        }
        let partly = try Self.stored(rateLimit: ["requestsPerMinute": "100", "costPerMinute": 900])
        #expect(partly.rateLimit == APIKeyRateLimit(requestsPerMinute: nil, costPerMinute: 900))
    }

    @Test("verification hands the override on with the key's identity")
    func verified() async throws {
        let hasher = APIKeyHasher.development
        let token = APIKeyToken.generate(.live)
        let limit = APIKeyRateLimit(requestsPerMinute: 10, costPerMinute: nil)
        let stored = StoredAPIKey(
            id: ObjectID(), userId: ObjectID(), name: "test", keyPrefix: token.lookupPrefix,
            keyHash: hasher.hash(token), permissionNames: ["rescues:read"], isActive: true, rateLimit: limit)
        let store = MemoryKeyStore()
        await store.add(APIKeyCandidate(key: stored, role: .rider))
        let key = try await APIKeyVerifier(store: store, hasher: hasher).verify(token.text)
        #expect(key.rateLimit == limit)
    }
}
