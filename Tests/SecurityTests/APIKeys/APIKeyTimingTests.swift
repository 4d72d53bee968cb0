import MongoStore
import Testing

@testable import Security

@Suite("API key refusal timing")
struct APIKeyTimingTests {
    /// The median time of `rounds` refusals of `text`.
    func medianRefusal(_ verifier: APIKeyVerifier, _ text: String, now: BSONDate, rounds: Int = 301) async -> Duration {
        var times: [Duration] = []
        let clock = ContinuousClock()
        for _ in 0..<rounds {
            let started = clock.now
            _ = try? await verifier.verify(text, now: now)
            times.append(clock.now - started)
        }
        return times.sorted()[rounds / 2]
    }

    @Test("unknown, revoked, expired and wrong well-formed keys take about the same time to refuse")
    func similarTime() async throws {
        let hasher = APIKeyHasher.development
        let now = BSONDate(millisecondsSinceEpoch: 1_800_000_000_000)
        let store = MemoryKeyStore()
        func add(isActive: Bool, expiresAt: BSONDate?) async -> APIKeyToken {
            let token = APIKeyToken.generate(.live)
            await store.add(
                APIKeyCandidate(
                    key: StoredAPIKey(
                        id: ObjectID(), userId: ObjectID(), name: "t", keyPrefix: token.lookupPrefix,
                        keyHash: hasher.hash(token), permissionNames: ["rescues:read"], isActive: isActive,
                        expiresAt: expiresAt),
                    role: .rider))
            return token
        }
        let revoked = await add(isActive: false, expiresAt: nil)
        let expired = await add(isActive: true, expiresAt: now)
        let verifier = APIKeyVerifier(store: store, hasher: hasher)
        // The right prefix with a wrong secret: found, but the hash differs.
        let valid = await add(isActive: true, expiresAt: nil)
        let wrongSecret = String(valid.text.dropLast()) + (valid.text.last == "A" ? "B" : "A")
        let cases = [APIKeyToken.generate(.live).text, revoked.text, expired.text, wrongSecret]
        _ = await medianRefusal(verifier, cases[0], now: now, rounds: 51)  // warm up
        var medians: [Duration] = []
        for text in cases { medians.append(await medianRefusal(verifier, text, now: now)) }
        let slowest = try #require(medians.max())
        let fastest = try #require(medians.min())
        // Each refusal of a well-formed key does one lookup and one HMAC (a
        // malformed one is refused before either: its shape tells the client
        // nothing it did not know); parsing differences are small
        // beside them. A generous bound keeps a loaded machine from failing this.
        #expect(slowest < fastest * 3, "medians: \(medians)")
    }
}
