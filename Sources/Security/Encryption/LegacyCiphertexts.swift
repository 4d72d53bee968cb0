/// Whether `FieldCipher` opens the Node services' legacy format
/// (`ivHex:authTagHex:cipherHex`, `StoredCiphertext.legacy`).
///
/// A legacy value carries no binding: it is valid wherever it is put, so one
/// copied into another document or field (another user's phone number, say)
/// decrypts there as if it belonged. The versioned format refuses that; the
/// only way to be rid of the weakness is to stop opening legacy values, once
/// `supportcarr keys rotate` has re-encrypted them all under bindings
/// (`docs/DATA-MODEL.md`, "Legacy format").
public enum LegacyCiphertexts: String, Sendable, Hashable, CaseIterable {
    /// Legacy values decrypt (with `ENCRYPTION_KEY`).
    case accept
    /// Legacy values fail like a value made for another place
    /// (`FieldCipherError.legacyRefused`); the gateway serves `DECRYPTION_FAILED`.
    case refuse
}
