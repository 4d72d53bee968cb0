import Foundation
import Testing

@testable import Security

@Suite("FieldCipher (versioned format)")
struct FieldCipherTests {
    let cipher = FieldCipher(keyRing: .development)
    let binding = FieldBinding(collection: "users", field: "phoneNumber", documentId: "65f0a1b2c3d4e5f601234567")

    @Test("a value encrypts and decrypts back to itself")
    func roundTrip() throws {
        for plaintext in ["+14155550100", "", "Zoë Ångström 🚲", String(repeating: "x", count: 10_000)] {
            let stored = try cipher.encrypt(plaintext, for: binding)
            #expect(try cipher.decrypt(stored, for: binding) == plaintext)
        }
    }

    @Test("the written format is v1, names the newest key and never contains the plaintext")
    func writtenFormat() throws {
        let stored = try cipher.encrypt("+14155550100", for: binding)
        let parts = stored.split(separator: ":")
        #expect(parts.count == 3)
        #expect(parts[0] == "v1")
        #expect(parts[1] == "dev-2")
        #expect(!stored.contains("4155550100"))
        guard case .versioned(_, let nonce, _, let ciphertext, let tag) = try StoredCiphertext(parsing: stored) else {
            Issue.record("not parsed as versioned")
            return
        }
        #expect(nonce.count == 12)
        #expect(tag.count == 16)
        #expect(ciphertext.count == "+14155550100".utf8.count)
    }

    @Test("the same value encrypts differently every time")
    func randomNonce() throws {
        let first = try cipher.encrypt("same", for: binding)
        let second = try cipher.encrypt("same", for: binding)
        #expect(first != second)
    }

    @Test("a ciphertext moved to another document fails as a wrong binding")
    func otherDocument() throws {
        let stored = try cipher.encrypt("+14155550100", for: binding)
        let elsewhere = FieldBinding(collection: "users", field: "phoneNumber", documentId: "65f0a1b2c3d4e5f601234568")
        #expect(throws: FieldCipherError.wrongBinding) { try cipher.decrypt(stored, for: elsewhere) }
    }

    @Test("a ciphertext moved to another field or collection fails as a wrong binding")
    func otherFieldOrCollection() throws {
        let stored = try cipher.encrypt("Jane Doe", for: binding)
        let otherField = FieldBinding(collection: "users", field: "name", documentId: binding.documentId)
        let otherCollection = FieldBinding(
            collection: "riderprofiles", field: "phoneNumber", documentId: binding.documentId)
        #expect(throws: FieldCipherError.wrongBinding) { try cipher.decrypt(stored, for: otherField) }
        #expect(throws: FieldCipherError.wrongBinding) { try cipher.decrypt(stored, for: otherCollection) }
    }

    @Test("a swapped binding fingerprint still fails authentication")
    func forgedFingerprint() throws {
        // Someone who copies a ciphertext and rewrites its clear-text fingerprint to
        // match the new place gets past the diagnostic, but not past GCM.
        let stored = try cipher.encrypt("secret", for: binding)
        let elsewhere = FieldBinding(collection: "users", field: "phoneNumber", documentId: "000000000000000000000000")
        guard case .versioned(let keyId, let nonce, _, let body, let tag) = try StoredCiphertext(parsing: stored) else {
            Issue.record("not parsed as versioned")
            return
        }
        let forged = StoredCiphertext.versioned(
            keyId: keyId, nonce: nonce, fingerprint: elsewhere.fingerprint, ciphertext: body, tag: tag
        ).text
        #expect(throws: FieldCipherError.tampered) { try cipher.decrypt(forged, for: elsewhere) }
    }

    @Test("flipping any bit of nonce, ciphertext or tag is detected as tampering")
    func tamperedBytes() throws {
        let stored = try cipher.encrypt("account 000123456789", for: binding)
        let parts = stored.split(separator: ":")
        let payload = try #require(Base64URL.decode(parts[2]))
        let fingerprintRange = 12..<16
        for index in payload.indices where !fingerprintRange.contains(index) {
            var altered = payload
            altered[index] ^= 0x01
            let text = "v1:\(parts[1]):\(Base64URL.encode(altered))"
            #expect(throws: FieldCipherError.tampered) { try cipher.decrypt(text, for: binding) }
        }
    }

    @Test("a key id the ring does not hold is reported by name")
    func unknownKey() throws {
        let other = FieldCipher(
            keyRing: try KeyRing(keys: [EncryptionKey(id: "k-2027", hex: String(repeating: "ab", count: 32))]))
        let stored = try other.encrypt("x", for: binding)
        #expect(throws: FieldCipherError.unknownKeyId("k-2027")) { try cipher.decrypt(stored, for: binding) }
    }

    @Test("a key id naming another key's ring entry does not decrypt")
    func keyIdRelabelled() throws {
        let stored = try cipher.encrypt("x", for: binding)
        let relabelled = stored.replacingOccurrences(of: "v1:dev-2:", with: "v1:dev-1:")
        #expect(throws: FieldCipherError.tampered) { try cipher.decrypt(relabelled, for: binding) }
    }

    @Test("values under an older key of the ring still decrypt after a rotation")
    func olderKeyStillDecrypts() throws {
        let old = try EncryptionKey(id: "2026-q1", hex: String(repeating: "01", count: 32))
        let new = try EncryptionKey(id: "2026-q2", hex: String(repeating: "02", count: 32))
        let before = FieldCipher(keyRing: try KeyRing(keys: [old]))
        let after = FieldCipher(keyRing: try KeyRing(keys: [new, old]))
        let stored = try before.encrypt("Jane", for: binding)
        #expect(try after.decrypt(stored, for: binding) == "Jane")
        #expect(after.needsRotation(stored))
        let rotated = try after.encrypt(try after.decrypt(stored, for: binding), for: binding)
        #expect(!after.needsRotation(rotated))
        #expect(rotated.hasPrefix("v1:2026-q2:"))
    }

    @Test(
        "malformed values are refused without echoing them",
        arguments: [
            "", "plain text", "v1:dev-2", "v1:dev-2:!!!!", "v1:dev-2:AAAA", "v1:bad id:AAAA", "v2:dev-2:AAAA",
            "zz:yy:xx", "00:00:00", "a:b:c:d",
        ])
    func malformed(text: String) {
        #expect {
            try cipher.decrypt(text, for: binding)
        } throws: { error in
            guard let error = error as? FieldCipherError, case .malformed = error else { return false }
            return text.isEmpty || !error.description.contains(text)
        }
    }

    @Test("whole objects round-trip as JSON text")
    func jsonObject() throws {
        struct Bank: Codable, Equatable {
            var accountNumber: String
            var routingNumber: String
            var accountHolderName: String
        }
        let bank = Bank(accountNumber: "000123456789", routingNumber: "121000358", accountHolderName: "Dana Ruiz")
        let bankBinding = FieldBinding(
            collection: "driverprofiles", field: "bankDetails", documentId: "65f0a1b2c3d4e5f601234567")
        let stored = try cipher.encryptJSON(bank, for: bankBinding)
        #expect(!stored.contains("000123456789"))
        #expect(try cipher.decryptJSON(Bank.self, from: stored, for: bankBinding) == bank)
        let text = try cipher.decrypt(stored, for: bankBinding)
        #expect(
            text == #"{"accountHolderName":"Dana Ruiz","accountNumber":"000123456789","routingNumber":"121000358"}"#)
    }

    @Test("error descriptions never contain the ciphertext")
    func errorsDoNotLeak() throws {
        let stored = try cipher.encrypt("secret", for: binding)
        let payload = String(stored.split(separator: ":")[2])
        let elsewhere = FieldBinding(collection: "x", field: "y", documentId: "z")
        do {
            _ = try cipher.decrypt(stored, for: elsewhere)
            Issue.record("decrypted under the wrong binding")
        } catch {
            #expect(!error.description.contains(payload))
            #expect(!"\(error)".contains(payload))
        }
    }
}
