/// Why a stored value could not be decrypted (or a value encrypted). No case
/// carries the ciphertext or any plaintext, so these errors can be logged and
/// mapped to `extensions.code: "DECRYPTION_FAILED"` as they are.
public enum FieldCipherError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not a ciphertext of either format (`reason` says which part is off).
    case malformed(reason: String)
    /// A versioned ciphertext names a key this ring does not hold.
    case unknownKeyId(String)
    /// A legacy (`iv:tag:cipher`) ciphertext, but no `ENCRYPTION_KEY` is configured.
    case legacyKeyNotConfigured
    /// A legacy ciphertext, and the legacy format is refused
    /// (`SUPPORTCARR_LEGACY_CIPHERTEXTS=refuse`): it is bound to no place.
    case legacyRefused
    /// The ciphertext was made for another collection, field or document.
    case wrongBinding
    /// The authentication tag did not verify: the bytes were altered (or, for a
    /// legacy ciphertext, the key is not the one it was made with).
    case tampered
    /// Decryption succeeded but the plaintext is not UTF-8 text.
    case plaintextNotText
    /// A whole object could not be turned into JSON text, or the decrypted JSON
    /// does not describe the expected type.
    case json(reason: String)

    public var description: String {
        switch self {
        case .malformed(let reason): "malformed ciphertext: \(reason)"
        case .unknownKeyId(let id): "ciphertext names unknown key id '\(id)'"
        case .legacyKeyNotConfigured: "legacy ciphertext but ENCRYPTION_KEY is not configured"
        case .legacyRefused: "legacy ciphertext, and SUPPORTCARR_LEGACY_CIPHERTEXTS refuses the legacy format"
        case .wrongBinding: "ciphertext belongs to another collection, field or document"
        case .tampered: "ciphertext failed authentication (altered, or made with another key)"
        case .plaintextNotText: "decrypted value is not UTF-8 text"
        case .json(let reason): "encrypted object: \(reason)"
        }
    }
}
