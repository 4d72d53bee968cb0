import Crypto
import Foundation

/// AES-256-GCM encryption of single document fields (`docs/DATA-MODEL.md`,
/// "Encryption at rest", which lists the fields).
///
/// `encrypt` writes the versioned format under the ring's newest key, bound to
/// the value's collection, field and document id; `decrypt` reads both the
/// versioned format (any key of the ring) and the legacy format (when the
/// ring has a legacy key and `legacy` is `.accept`: a legacy value is bound to
/// nothing, see `LegacyCiphertexts`). See `StoredCiphertext` for the exact
/// layouts.
///
/// Whole objects such as `DriverProfile.bankDetails` are encrypted as their JSON
/// text (`encryptJSON` / `decryptJSON`), as the Node services' code would
/// (`encrypt(JSON.stringify(details))`).
public struct FieldCipher: Sendable {
    public let keyRing: KeyRing
    /// Whether the legacy format is opened. Key rotation always opens it (that
    /// is how legacy values get their binding); the gateway follows
    /// `SUPPORTCARR_LEGACY_CIPHERTEXTS`.
    public let legacy: LegacyCiphertexts

    public init(keyRing: KeyRing, legacy: LegacyCiphertexts = .accept) {
        self.keyRing = keyRing
        self.legacy = legacy
    }

    /// `plaintext` encrypted under the newest key, bound to `binding`. Two calls
    /// give different ciphertexts (random nonce).
    public func encrypt(_ plaintext: String, for binding: FieldBinding) throws(FieldCipherError) -> String {
        try encrypt(Array(plaintext.utf8), for: binding)
    }

    /// `bytes` encrypted under the newest key, bound to `binding`.
    public func encrypt(_ bytes: [UInt8], for binding: FieldBinding) throws(FieldCipherError) -> String {
        let key = keyRing.current
        let nonce = AES.GCM.Nonce()
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.seal(
                bytes, using: key.symmetricKey, nonce: nonce,
                authenticating: binding.associatedData(keyId: key.id)
            )
        } catch {
            // Sealing fails only for impossible sizes; report without detail.
            throw .malformed(reason: "encryption failed")
        }
        return StoredCiphertext.versioned(
            keyId: key.id, nonce: Array(nonce), fingerprint: binding.fingerprint,
            ciphertext: Array(box.ciphertext), tag: Array(box.tag)
        ).text
    }

    /// The text `stored` holds, if it was made for `binding` (versioned format) or
    /// is a legacy ciphertext and the ring has the legacy key.
    public func decrypt(_ stored: String, for binding: FieldBinding) throws(FieldCipherError) -> String {
        let bytes = try decryptBytes(stored, for: binding)
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .plaintextNotText }
        return text
    }

    /// The bytes `stored` holds; see `decrypt(_:for:)`.
    public func decryptBytes(_ stored: String, for binding: FieldBinding) throws(FieldCipherError) -> [UInt8] {
        switch try StoredCiphertext(parsing: stored) {
        case .versioned(let keyId, let nonce, let fingerprint, let ciphertext, let tag):
            guard let key = keyRing.key(id: keyId) else { throw .unknownKeyId(keyId) }
            guard fingerprint == binding.fingerprint else { throw .wrongBinding }
            return try open(
                nonce: nonce, ciphertext: ciphertext, tag: tag, key: key.symmetricKey,
                associatedData: binding.associatedData(keyId: keyId)
            )
        case .legacy(let iv, let tag, let ciphertext):
            guard legacy == .accept else { throw .legacyRefused }
            guard let legacyKey = keyRing.legacySymmetricKey else { throw .legacyKeyNotConfigured }
            return try open(nonce: iv, ciphertext: ciphertext, tag: tag, key: legacyKey, associatedData: [])
        }
    }

    /// `value` as JSON text (keys sorted, so equal objects give equal plaintexts),
    /// encrypted like a string.
    public func encryptJSON(_ value: some Encodable, for binding: FieldBinding) throws(FieldCipherError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do {
            data = try encoder.encode(value)
        } catch {
            throw .json(reason: "value could not be encoded as JSON")
        }
        return try encrypt(Array(data), for: binding)
    }

    /// The object whose JSON text `stored` holds.
    public func decryptJSON<Value: Decodable>(
        _ type: Value.Type, from stored: String, for binding: FieldBinding
    ) throws(FieldCipherError) -> Value {
        let bytes = try decryptBytes(stored, for: binding)
        do {
            return try JSONDecoder().decode(Value.self, from: Data(bytes))
        } catch {
            throw .json(reason: "decrypted JSON does not match \(Value.self)")
        }
    }

    /// Whether `stored` should be re-encrypted by a key rotation: it is in the
    /// legacy format or names a key other than the newest. Values that do not
    /// parse are reported as not needing it (rotation cannot repair them).
    public func needsRotation(_ stored: String) -> Bool {
        guard let parsed = try? StoredCiphertext(parsing: stored) else { return false }
        return parsed.keyId != keyRing.current.id
    }

    private func open(
        nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8], key: SymmetricKey, associatedData: [UInt8]
    ) throws(FieldCipherError) -> [UInt8] {
        let box: AES.GCM.SealedBox
        do {
            box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: nonce), ciphertext: ciphertext, tag: tag)
        } catch {
            throw .malformed(reason: "nonce or tag has the wrong size")
        }
        do {
            return Array(try AES.GCM.open(box, using: key, authenticating: associatedData))
        } catch {
            throw .tampered
        }
    }
}
