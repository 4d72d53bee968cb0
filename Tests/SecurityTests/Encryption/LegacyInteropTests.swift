import Foundation
import TestNode
import Testing

@testable import Security

/// Ciphertexts made by the data model's own Node.js `encrypt` (kept as the fixture
/// `Fixtures/seed-encrypt.js`) decrypt with our cipher given the same key.
@Suite("Legacy seed format interoperability")
struct LegacyInteropTests {
    static let legacyKeyHex = "3c6f1d2a9b8e7f60514233241506f7e8d9cabbac9d8e7f60514233241506f7e8"

    struct FixtureOutput: Decodable {
        var plaintext: String
        var ciphertext: String
        var roundTrip: String
    }

    /// Runs the fixture on `plaintexts`; fails the test with a clear message when
    /// node is not installed.
    func seedEncrypt(_ plaintexts: [String]) async throws -> [FixtureOutput] {
        let data = try await Self.runFixture(
            "seed-encrypt.js", input: try JSONEncoder().encode(plaintexts),
            environment: ["ENCRYPTION_KEY": Self.legacyKeyHex])
        return try JSONDecoder().decode([FixtureOutput].self, from: data)
    }

    /// Runs `Fixtures/<name>` under node with `input` on standard input; returns standard output.
    static func runFixture(_ name: String, input: Data, environment: [String: String] = [:]) async throws -> Data {
        let fixture = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(name)")
        return try await NodeProcess.run([fixture.path], input: input, graphQL: false, environment: environment)
    }

    var legacyCipher: FieldCipher {
        get throws {
            FieldCipher(keyRing: try KeyRing(keys: KeyRing.development.keys, legacyKeyHex: Self.legacyKeyHex))
        }
    }

    let binding = FieldBinding(collection: "users", field: "phoneNumber", documentId: "65f0a1b2c3d4e5f601234567")

    @Test("ciphertexts from the Node services' encrypt decrypt to the same text")
    func nodeCiphertextsDecrypt() async throws {
        let plaintexts = [
            "+14155550123", "", "Zoë Ångström", "🚲 bike rescue", "dana.ruiz@example.com",
            #"{"accountNumber":"000123456789","routingNumber":"121000358","accountHolderName":"Dana Ruiz"}"#,
            String(repeating: "long ", count: 500),
        ]
        let outputs = try await seedEncrypt(plaintexts)
        #expect(outputs.count == plaintexts.count)
        let cipher = try legacyCipher
        for output in outputs {
            #expect(output.roundTrip == output.plaintext)
            let parts = output.ciphertext.split(separator: ":", omittingEmptySubsequences: false)
            #expect(parts.count == 3 && parts[0].count == 32 && parts[1].count == 32)
            // Legacy values carry no binding: any binding reads them.
            #expect(try cipher.decrypt(output.ciphertext, for: binding) == output.plaintext)
            #expect(cipher.needsRotation(output.ciphertext))
        }
    }

    @Test("a legacy ciphertext is refused when no legacy key is configured")
    func noLegacyKey() async throws {
        let output = try #require(try await seedEncrypt(["+14155550123"]).first)
        let cipher = FieldCipher(keyRing: .development)
        #expect(throws: FieldCipherError.legacyKeyNotConfigured) { try cipher.decrypt(output.ciphertext, for: binding) }
    }

    @Test("with the legacy format refused, a legacy value opens nowhere, not even copied elsewhere; v1 still does")
    func legacyRefused() async throws {
        let output = try #require(try await seedEncrypt(["+14155550123"]).first)
        let keyRing = try KeyRing(keys: KeyRing.development.keys, legacyKeyHex: Self.legacyKeyHex)
        let elsewhere = FieldBinding(collection: "users", field: "phoneNumber", documentId: "000000000000000000000000")
        // Accepted, a legacy value opens wherever it is put: that is the weakness.
        let accepting = FieldCipher(keyRing: keyRing, legacy: .accept)
        #expect(try accepting.decrypt(output.ciphertext, for: elsewhere) == "+14155550123")
        let refusing = FieldCipher(keyRing: keyRing, legacy: .refuse)
        for place in [binding, elsewhere] {
            #expect(throws: FieldCipherError.legacyRefused) { try refusing.decrypt(output.ciphertext, for: place) }
        }
        let versioned = try refusing.encrypt("+14155550123", for: binding)
        #expect(try refusing.decrypt(versioned, for: binding) == "+14155550123")
    }

    @Test("SUPPORTCARR_LEGACY_CIPHERTEXTS is accept or refuse; unset, production refuses once a rotation left none")
    func legacySetting() async throws {
        #expect(try LegacyCiphertexts.fromEnvironment([:]) == nil)
        #expect(try LegacyCiphertexts.fromEnvironment(["SUPPORTCARR_LEGACY_CIPHERTEXTS": " Refuse "]) == .refuse)
        #expect(try LegacyCiphertexts.fromEnvironment(["SUPPORTCARR_LEGACY_CIPHERTEXTS": "accept"]) == .accept)
        #expect(throws: ConfigurationError.self) {
            try LegacyCiphertexts.fromEnvironment(["SUPPORTCARR_LEGACY_CIPHERTEXTS": "maybe"])
        }
        func record(remaining: Int) -> KeyRotationRecord {
            KeyRotationRecord(
                newestKeyId: "k", scanned: 1, rotated: 1, legacyRebound: 1, legacyRemaining: remaining, conflicts: 0,
                failures: 0, at: .now())
        }
        #expect(LegacyCiphertexts.unsetDefault(deployment: .production, lastRotation: nil) == .accept)
        #expect(LegacyCiphertexts.unsetDefault(deployment: .production, lastRotation: record(remaining: 2)) == .accept)
        #expect(LegacyCiphertexts.unsetDefault(deployment: .production, lastRotation: record(remaining: 0)) == .refuse)
        #expect(LegacyCiphertexts.unsetDefault(deployment: .development, lastRotation: record(remaining: 0)) == .accept)
        // The record reads back from its audit-log document.
        #expect(KeyRotationRecord(document: record(remaining: 0).document)?.legacyRemaining == 0)
    }

    @Test("a tampered legacy ciphertext fails authentication")
    func tamperedLegacy() async throws {
        let output = try #require(try await seedEncrypt(["+14155550123"]).first)
        var parts = output.ciphertext.split(separator: ":").map(String.init)
        let last = parts[2].removeLast()
        parts[2].append(last == "0" ? "1" : "0")
        #expect(throws: FieldCipherError.tampered) {
            try legacyCipher.decrypt(parts.joined(separator: ":"), for: binding)
        }
    }

    @Test("a legacy ciphertext under another key fails authentication")
    func wrongLegacyKey() async throws {
        let output = try #require(try await seedEncrypt(["+14155550123"]).first)
        let cipher = FieldCipher(
            keyRing: try KeyRing(keys: KeyRing.development.keys, legacyKeyHex: String(repeating: "11", count: 32)))
        #expect(throws: FieldCipherError.tampered) { try cipher.decrypt(output.ciphertext, for: binding) }
    }

    @Test("a whole object the Node services wrote as JSON text decrypts into the type")
    func legacyObject() async throws {
        struct Bank: Codable, Equatable {
            var accountNumber: String
            var routingNumber: String
            var accountHolderName: String
        }
        let json = #"{"accountNumber":"000123456789","routingNumber":"121000358","accountHolderName":"Dana Ruiz"}"#
        let output = try #require(try await seedEncrypt([json]).first)
        let bank = try legacyCipher.decryptJSON(Bank.self, from: output.ciphertext, for: binding)
        #expect(bank == Bank(accountNumber: "000123456789", routingNumber: "121000358", accountHolderName: "Dana Ruiz"))
    }

    @Test("an independent Node reader written from the format's documentation opens our v1 ciphertexts")
    func versionedFormatIsDocumented() async throws {
        struct Item: Encodable {
            var stored, collection, field, documentId: String
        }
        struct Input: Encodable {
            var keys: [String: String]
            var items: [Item]
        }
        let cipher = FieldCipher(keyRing: .development)
        let plaintexts = ["+14155550123", "Zoë Ångström 🚲", ""]
        var items = try plaintexts.map { text in
            Item(
                stored: try cipher.encrypt(text, for: binding), collection: binding.collection, field: binding.field,
                documentId: binding.documentId)
        }
        // The same ciphertext presented for another document must not open.
        var moved = items[0]
        moved.documentId = "000000000000000000000000"
        items.append(moved)
        let keys = Dictionary(uniqueKeysWithValues: KeyRing.developmentKeyText.map { ($0.id, $0.hex) })
        let data = try await Self.runFixture(
            "versioned-decrypt.js", input: try JSONEncoder().encode(Input(keys: keys, items: items)))
        let opened = try JSONDecoder().decode([String?].self, from: data)
        #expect(opened == plaintexts + [nil])
    }
}
