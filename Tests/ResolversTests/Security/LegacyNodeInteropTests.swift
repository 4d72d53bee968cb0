import Enforcement
import Foundation
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import TestNode
import Testing

@testable import Resolvers

/// Values the company's Node services wrote (the data model's Node `encrypt`, run by the
/// fixture `Tests/SecurityTests/Fixtures/seed-encrypt.js`) are served decrypted
/// to a caller allowed to read them, denied to others, and moved onto the
/// newest key by the rotation with nothing changed for clients.
@Suite(.serialized) struct LegacyNodeInteropTests {
    static let legacyKeyHex = "3c6f1d2a9b8e7f60514233241506f7e8d9cabbac9d8e7f60514233241506f7e8"

    /// The data model's Node `encrypt` of each plaintext.
    static func nodeEncrypt(_ plaintexts: [String]) async throws -> [String] {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SecurityTests/Fixtures/seed-encrypt.js")
        let data = try await NodeProcess.run(
            [fixture.path], input: try JSONEncoder().encode(plaintexts), graphQL: false,
            environment: ["ENCRYPTION_KEY": legacyKeyHex])
        struct Item: Decodable { var ciphertext: String }
        return try JSONDecoder().decode([Item].self, from: data).map(\.ciphertext)
    }

    @Test func nodeWrittenValuesAreServedToAllowedCallersOnlyAndSurviveRotation() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            let bank = #"{"accountHolderName":"Dana Ruiz","accountNumber":"000123456789","routingNumber":"121000358"}"#
            let values = try await Self.nodeEncrypt(["Dana Ruiz", bank])
            #expect(values.allSatisfy { $0.split(separator: ":").count == 3 })
            _ = try await fixture.collection(.driverProfiles).updateOne(
                ["_id": .objectID(people.driverProfile)],
                ["$set": ["name": .string(values[0]), "bankDetails": .string(values[1])]])
            let keyRing = try KeyRing(keys: KeyRing.development.keys, legacyKeyHex: Self.legacyKeyHex)
            let schema = try SupportCarrSchema.make(
                sdl: SeededDatabase.schemaText, security: FieldSecurity(cipher: FieldCipher(keyRing: keyRing)))
            let service = GraphQLService(schema: schema, cache: nil)
            let query =
                "query($id: ObjectID!) { driverProfile(id: $id) { name bankDetails { accountNumber routingNumber accountHolderName } } }"
            let variables: [String: JSONValue] = ["id": .string(people.driverProfile.hex)]
            func run(_ user: ObjectID) async throws -> GraphQLResponse {
                let principal = try await Callers.principal(user: user, in: fixture.database)
                return await service.execute(
                    GraphQLRequest(query: query, variables: variables),
                    context: AccessContext(database: fixture.database, principal: principal))
            }
            func expectServed(_ response: GraphQLResponse) {
                #expect(response.errors.map(\.message) == [])
                #expect(response.data?["driverProfile", "name"] == .string("Dana Ruiz"))
                #expect(response.data?["driverProfile", "bankDetails", "accountNumber"] == .string("000123456789"))
                #expect(response.data?["driverProfile", "bankDetails", "accountHolderName"] == .string("Dana Ruiz"))
            }
            expectServed(try await run(people.adminUser))
            // Support reads the name but not bank details; the driver its own name only.
            let support = try await run(people.supportUser)
            #expect(support.data?["driverProfile", "name"] == .string("Dana Ruiz"))
            #expect(support.errors.map(\.code) == ["FORBIDDEN"])
            let driver = try await run(people.driverUser)
            #expect(driver.data?["driverProfile", "name"] == .string("Dana Ruiz"))
            #expect(driver.data?["driverProfile", "bankDetails"] == .null)

            // Without the legacy key, the value fails as a field error, never the ciphertext.
            let noLegacy = await fixture.run(query, variables)
            #expect(noLegacy.errors.map(\.code) == ["DECRYPTION_FAILED", "DECRYPTION_FAILED"])

            // With the legacy format refused, likewise, even with the key.
            let refusing = GraphQLService(
                schema: try SupportCarrSchema.make(
                    sdl: SeededDatabase.schemaText,
                    security: FieldSecurity(cipher: FieldCipher(keyRing: keyRing, legacy: .refuse))),
                cache: nil)
            let refused = await refusing.execute(
                GraphQLRequest(query: query, variables: variables),
                context: AccessContext(
                    database: fixture.database,
                    principal: try await Callers.principal(user: people.adminUser, in: fixture.database)))
            #expect(refused.errors.map(\.code) == ["DECRYPTION_FAILED", "DECRYPTION_FAILED"])

            // Rotation moves both onto the newest key; clients see the same values.
            let report = try await KeyRotator(database: fixture.database, cipher: FieldCipher(keyRing: keyRing))
                .rotate()
            #expect(report.failures == [])
            #expect(report.rotated == 2)
            // Each legacy value now bound to its place is listed by place (never by value).
            let place = "driverprofiles.%@ of \(people.driverProfile.hex)"
            #expect(
                report.rebound.sorted()
                    == ["bankDetails", "name"].map { place.replacingOccurrences(of: "%@", with: $0) })
            #expect(report.legacyRemaining == 0)
            let stored = try #require(
                try await fixture.collection(.driverProfiles).findOne(["_id": .objectID(people.driverProfile)]))
            #expect(
                stored["name"].flatMap { if case .string(let s) = $0 { s.hasPrefix("v1:dev-2:") } else { nil } } == true
            )
            expectServed(try await run(people.adminUser))
            // Re-encrypted under their binding, they are served with the legacy format refused.
            let afterRotation = await refusing.execute(
                GraphQLRequest(query: query, variables: variables),
                context: AccessContext(
                    database: fixture.database,
                    principal: try await Callers.principal(user: people.adminUser, in: fixture.database)))
            expectServed(afterRotation)
        }
    }
}
