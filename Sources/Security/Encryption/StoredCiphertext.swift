/// A stored encrypted value, parsed but not yet opened.
///
/// Two text formats exist:
///
/// - **Versioned** (what we write): `v1:<keyId>:<payload>` where `payload` is
///   unpadded base64url (RFC 4648 §5) of
///   `nonce (12 bytes) | binding fingerprint (4) | ciphertext | tag (16)`.
///   AES-256-GCM with a random 12-byte nonce (NIST SP 800-38D §8.2.2), associated
///   data = `FieldBinding.associatedData(keyId:)` (key id, collection, field,
///   document id). Example: `v1:dev-2:3q2-7w...`.
/// - **Legacy** (the company's Node services): `ivHex:authTagHex:cipherHex`, a
///   16-byte IV, a 16-byte tag, no associated data, the key `ENCRYPTION_KEY`.
///
/// The two cannot be confused: a legacy value starts with a hex digit, never `v`.
public enum StoredCiphertext: Sendable, Equatable {
    case versioned(keyId: String, nonce: [UInt8], fingerprint: [UInt8], ciphertext: [UInt8], tag: [UInt8])
    case legacy(iv: [UInt8], tag: [UInt8], ciphertext: [UInt8])

    static let versionPrefix = "v1"
    static let nonceByteCount = 12
    static let fingerprintByteCount = 4
    static let tagByteCount = 16

    /// The id of the key a value was made with, or `nil` for the legacy format.
    public var keyId: String? {
        if case .versioned(let keyId, _, _, _, _) = self { keyId } else { nil }
    }

    /// Parses `text` into one of the two formats.
    public init(parsing text: String) throws(FieldCipherError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.first == Substring(Self.versionPrefix) {
            try self.init(versionedParts: parts)
        } else if parts.count == 3 {
            try self.init(legacyParts: parts)
        } else if let first = parts.first, first.hasPrefix("v") {
            throw .malformed(reason: "unsupported version")
        } else {
            throw .malformed(reason: "neither v1:<keyId>:<payload> nor ivHex:tagHex:cipherHex")
        }
    }

    private init(versionedParts parts: [Substring]) throws(FieldCipherError) {
        guard parts.count == 3 else { throw .malformed(reason: "v1 needs exactly three ':'-separated parts") }
        let keyId = String(parts[1])
        guard EncryptionKey.isValidId(keyId) else { throw .malformed(reason: "invalid key id") }
        guard let payload = Base64URL.decode(parts[2]) else { throw .malformed(reason: "payload is not base64url") }
        let overhead = Self.nonceByteCount + Self.fingerprintByteCount + Self.tagByteCount
        guard payload.count >= overhead else { throw .malformed(reason: "payload too short") }
        let fingerprintStart = Self.nonceByteCount
        let cipherStart = fingerprintStart + Self.fingerprintByteCount
        let tagStart = payload.count - Self.tagByteCount
        self = .versioned(
            keyId: keyId,
            nonce: Array(payload[..<fingerprintStart]),
            fingerprint: Array(payload[fingerprintStart..<cipherStart]),
            ciphertext: Array(payload[cipherStart..<tagStart]),
            tag: Array(payload[tagStart...])
        )
    }

    private init(legacyParts parts: [Substring]) throws(FieldCipherError) {
        guard let iv = Hex.decode(parts[0]), let tag = Hex.decode(parts[1]), let ciphertext = Hex.decode(parts[2])
        else { throw .malformed(reason: "legacy parts are not hexadecimal") }
        // The seed writes 16-byte IVs; GCM itself accepts any length from 12 up.
        guard iv.count >= Self.nonceByteCount else { throw .malformed(reason: "legacy IV shorter than 12 bytes") }
        guard tag.count == Self.tagByteCount else { throw .malformed(reason: "legacy tag is not 16 bytes") }
        self = .legacy(iv: iv, tag: tag, ciphertext: ciphertext)
    }

    /// The text form (see the type's documentation).
    public var text: String {
        switch self {
        case .versioned(let keyId, let nonce, let fingerprint, let ciphertext, let tag):
            "\(Self.versionPrefix):\(keyId):\(Base64URL.encode(nonce + fingerprint + ciphertext + tag))"
        case .legacy(let iv, let tag, let ciphertext):
            "\(Hex.encode(iv)):\(Hex.encode(tag)):\(Hex.encode(ciphertext))"
        }
    }
}
