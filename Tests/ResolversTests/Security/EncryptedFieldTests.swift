import DataModel
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

extension SeededSuitesTwo {
    @Suite struct EncryptedFieldTests {
        @Test func encryptedFieldsAreServedDecryptedUnderTheirBinding() async throws {
            try await SeededDatabase.with { fixture in
                let stored = try #require(try await fixture.collection(.riderProfiles).findOne())
                guard case .objectID(let id)? = stored["_id"], case .string(let ciphertext)? = stored["name"] else {
                    throw CancellationError()
                }
                let plaintext = try FieldCipher(keyRing: .development).decrypt(
                    ciphertext, for: FieldBinding(collection: "riderprofiles", field: "name", documentId: id.hex))
                let response = await fixture.run("{ riderProfile(id: \"\(id.hex)\") { name } }")
                #expect(response.errors.map(\.message) == [])
                #expect(response.data?["riderProfile", "name"] == .string(plaintext))
                #expect(plaintext != ciphertext)
            }
        }
    }
}
