import Crypto

/// The data keys a process may encrypt and decrypt with.
///
/// `keys` runs newest first: the first one encrypts everything written, every one
/// of them decrypts what names it (`docs/DATA-MODEL.md`, "Encryption at rest": keys rotate every
/// 90 days with backward compatibility, and `supportcarr keys rotate` moves old
/// ciphertexts onto the newest key). `legacyKey` is the data model's single
/// `ENCRYPTION_KEY`; it only ever decrypts the Node services' `iv:tag:cipher` format.
public struct KeyRing: Sendable {
    /// Every versioned key, newest first; never empty.
    public let keys: [EncryptionKey]
    let legacySymmetricKey: SymmetricKey?

    /// A ring of `keys` (newest first, at least one, ids unique) and an optional
    /// legacy key given as 64 hex digits.
    public init(keys: [EncryptionKey], legacyKeyHex: String? = nil) throws(KeyRingError) {
        guard !keys.isEmpty else { throw .noKeys }
        var seen = Set<String>()
        for key in keys where !seen.insert(key.id).inserted {
            throw .duplicateId(key.id)
        }
        self.keys = keys
        if let legacyKeyHex {
            guard let bytes = Hex.decode(legacyKeyHex), bytes.count == 32 else {
                throw .malformedLegacyKey
            }
            self.legacySymmetricKey = SymmetricKey(data: bytes)
        } else {
            self.legacySymmetricKey = nil
        }
    }

    /// The key new ciphertexts are made with.
    public var current: EncryptionKey { keys[0] }

    /// Whether the legacy format (the Node services') can be read.
    public var hasLegacyKey: Bool { legacySymmetricKey != nil }

    /// The key named `id`, if the ring holds it.
    public func key(id: some StringProtocol) -> EncryptionKey? {
        keys.first { $0.id == id }
    }
}

/// Why a key ring could not be built from the keys given.
public enum KeyRingError: Error, Sendable, Equatable, CustomStringConvertible {
    case noKeys
    case duplicateId(String)
    case malformedLegacyKey

    public var description: String {
        switch self {
        case .noKeys: "a key ring needs at least one key"
        case .duplicateId(let id): "key id '\(id)' appears twice"
        case .malformedLegacyKey: "the legacy key must be 64 hexadecimal digits (32 bytes)"
        }
    }
}
