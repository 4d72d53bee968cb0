import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

/// A ciphertext that does not open is a `DECRYPTION_FAILED` field error: the
/// field is null, the ciphertext is never served, and the rest stands.
@Suite(.serialized) struct DecryptionFailureTests {
    static func nameAndEmail(_ fixture: Fixture, _ id: ObjectID) async -> GraphQLResponse {
        await fixture.run("query($id: ObjectID!) { riderProfile(id: $id) { id name email } }", ["id": .string(id.hex)])
    }

    static func expectFailed(_ response: GraphQLResponse, stored: String, _ comment: Comment) {
        #expect(response.data?["riderProfile", "name"] == .null, comment)
        #expect(response.errors.map(\.code) == ["DECRYPTION_FAILED"], comment)
        #expect(response.errors.first?.path.map(\.description) == ["riderProfile", "name"], comment)
        #expect(response.data?["riderProfile", "email"]?.stringValue?.contains("@") == true, comment)
        #expect(!(response.errors.first?.message.contains(stored) ?? true), comment)
    }

    @Test func tamperedMovedUnknownKeyAndNonCiphertextValuesFailAsFieldErrors() async throws {
        try await SeededDatabase.with { fixture in
            let profiles = fixture.collection(.riderProfiles)
            let two = try await profiles.find([:], options: FindOptions(sort: ["_id": 1], limit: 2))
            guard case .objectID(let id)? = two[0]["_id"], case .string(let name)? = two[0]["name"],
                case .string(let otherName)? = two[1]["name"]
            else { throw CancellationError() }
            #expect(await Self.nameAndEmail(fixture, id).errors.isEmpty)

            // One character of the payload changed.
            var tampered = Array(name)
            let last = tampered.count - 3
            tampered[last] = tampered[last] == "A" ? "B" : "A"
            let cases: [(String, BSONValue)] = [
                ("tampered", .string(String(tampered))),
                ("moved from another document", .string(otherName)),
                ("unknown key id", .string(name.replacingOccurrences(of: "v1:dev-2:", with: "v1:gone-9:"))),
                ("not a ciphertext", .string("Jane Plain")),
                ("not a string", .int32(7)),
            ]
            for (label, value) in cases {
                _ = try await profiles.updateOne(["_id": .objectID(id)], ["$set": ["name": value]])
                let text = if case .string(let s) = value { s } else { "7" }
                Self.expectFailed(await Self.nameAndEmail(fixture, id), stored: text, "\(label)")
            }
            // The email of this document moved into its name field: another field, same document.
            guard case .string(let email)? = two[0]["email"] else { throw CancellationError() }
            _ = try await profiles.updateOne(["_id": .objectID(id)], ["$set": ["name": .string(email)]])
            Self.expectFailed(await Self.nameAndEmail(fixture, id), stored: email, "moved from another field")
        }
    }

    @Test func valuesUnderAnOlderKeyOfTheRingStillDecrypt() async throws {
        try await SeededDatabase.with { fixture in
            let profile = try #require(try await fixture.collection(.riderProfiles).findOne())
            guard case .objectID(let id)? = profile["_id"] else { throw CancellationError() }
            let binding = FieldBinding(collection: "riderprofiles", field: "name", documentId: id.hex)
            let old = try FieldCipher(keyRing: KeyRing(keys: [try #require(KeyRing.development.key(id: "dev-1"))]))
            _ = try await fixture.collection(.riderProfiles).updateOne(
                ["_id": .objectID(id)], ["$set": ["name": .string(try old.encrypt("Older Key", for: binding))]])
            let response = await Self.nameAndEmail(fixture, id)
            #expect(response.errors.isEmpty)
            #expect(response.data?["riderProfile", "name"] == .string("Older Key"))
        }
    }

    @Test func anEncryptedObjectThatIsNotAJSONObjectFailsAndTheRestStands() async throws {
        try await SeededDatabase.with { fixture in
            let driver = try #require(
                try await fixture.collection(.driverProfiles).findOne(["bankDetails": ["$exists": true]]))
            guard case .objectID(let id)? = driver["_id"] else { throw CancellationError() }
            let binding = FieldBinding(collection: "driverprofiles", field: "bankDetails", documentId: id.hex)
            let cipher = FieldCipher(keyRing: .development)
            let query = "query($id: ObjectID!) { driverProfile(id: $id) { name bankDetails { accountNumber } } }"
            for plaintext in ["not json", "[1, 2]", "\"text\""] {
                _ = try await fixture.collection(.driverProfiles).updateOne(
                    ["_id": .objectID(id)],
                    ["$set": ["bankDetails": .string(try cipher.encrypt(plaintext, for: binding))]])
                let response = await fixture.run(query, ["id": .string(id.hex)])
                #expect(response.errors.map(\.code) == ["DECRYPTION_FAILED"], "\(plaintext)")
                #expect(response.data?["driverProfile", "bankDetails"] == .null)
                #expect(response.data?["driverProfile", "name"]?.stringValue?.isEmpty == false)
            }
        }
    }
}
