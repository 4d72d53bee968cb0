import DataModel
import Enforcement
import GraphQLEngine
import MongoStore
import Security
import Testing

/// Encryption on write under a rotated key ring, and a duplicate refused by
/// the unique hash even when two writes race.
@Suite("Profile writes: newest key and races", .serialized)
struct ProfileKeysAndRacesHTTPTests {
    static let older = "1111111111111111111111111111111111111111111111111111111111111111"
    static let newer = "2222222222222222222222222222222222222222222222222222222222222222"

    @Test("with a rotated ring a write seals under the newest key, and a value under the older key still reads")
    func writesUseTheNewestKey() async throws {
        let oldRing = try KeyRing(keys: [EncryptionKey(id: "k1", hex: Self.older)])
        let ring = try KeyRing(keys: [
            EncryptionKey(id: "k2", hex: Self.newer), EncryptionKey(id: "k1", hex: Self.older),
        ])
        let security = FieldSecurity(cipher: FieldCipher(keyRing: ring), blindIndex: .development)
        try await GatewayFixture.withPeople(security: security) { fixture in
            let rider = try await fixture.rider()
            let binding = FieldBinding(collection: "riderprofiles", field: "name", documentId: rider.profile.hex)
            let oldName = try FieldCipher(keyRing: oldRing).encrypt("Old Name", for: binding)
            try await fixture.database.collection(.riderProfiles).updateOne(
                ["_id": .objectID(rider.profile)], ["$set": ["name": .string(oldName)]])
            let response = try await fixture.send(
                #"mutation { updateRiderProfile(input: {email: "new@example.com"}) { name email } }"#, as: rider.key)
            #expect(People.data(response, "updateRiderProfile")?["name"] == "Old Name")
            #expect(People.data(response, "updateRiderProfile")?["email"] == "new@example.com")
            let stored = try await fixture.stored(.riderProfiles, rider.profile)
            let cipher = FieldCipher(keyRing: ring)
            guard case .string(let email)? = stored["email"], case .string(let name)? = stored["name"] else {
                throw CancellationError()
            }
            #expect(!cipher.needsRotation(email))  // under k2
            #expect(cipher.needsRotation(name))  // still under k1, untouched
            #expect(throws: FieldCipherError.self) {
                try FieldCipher(keyRing: oldRing).decrypt(
                    email,
                    for: FieldBinding(collection: "riderprofiles", field: "email", documentId: rider.profile.hex))
            }
        }
    }

    @Test("two riders claiming one email at once: one wins, the other gets CONFLICT, one hash is stored")
    func racingDuplicates() async throws {
        try await GatewayFixture.withPeople { fixture in
            let first = try await fixture.rider()
            let second = try await fixture.rider()
            let query = #"mutation { updateRiderProfile(input: {email: "race@example.com"}) { id } }"#
            let (one, two) = try await fixture.live { client in
                async let one = fixture.post(query, key: first.key, client: client)
                async let two = fixture.post(query, key: second.key, client: client)
                return try await (one, two)
            }
            let codes = [People.error(one).code, People.error(two).code]
            #expect(codes.filter { $0 == nil }.count == 1, "\(codes)")
            #expect(codes.filter { $0 == "CONFLICT" }.count == 1, "\(codes)")
            let holders = try await fixture.database.collection(.riderProfiles).countDocuments([
                "emailHash": .string(try BlindIndex.development.emailHash("race@example.com"))
            ])
            #expect(holders == 1)
        }
    }
}
