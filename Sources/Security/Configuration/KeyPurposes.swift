import Crypto

/// One key, one purpose: the field-encryption keys (`SUPPORTCARR_ENCRYPTION_KEYS`),
/// the legacy key (`ENCRYPTION_KEY`), the blind-index key
/// (`SUPPORTCARR_BLIND_INDEX_KEY`) and the API-key pepper
/// (`SUPPORTCARR_API_KEY_PEPPER`) must all be different bytes.
///
/// Why refuse, rather than trust the labels each use mixes in: the same bytes
/// under two uses tie their fates together. The pepper and the blind-index key
/// only ever compute HMACs, but a data key also encrypts: whoever learns one
/// (a pepper pasted into a ticket, a blind-index key in a data-warehouse job)
/// would hold the other, and rotating one would silently leave the other in
/// place. A pasted-twice key is an operator's slip, caught best before the
/// first request. Two entries of the ring with the same bytes are refused too:
/// a rotation onto them would re-encrypt everything and change nothing.
public enum KeyPurposes {
    /// Throws a `ConfigurationError` naming the later of two settings whose
    /// keys hold the same bytes (never the bytes); returns when all differ.
    public static func checkDistinct(keyRing: KeyRing, blindIndex: BlindIndex, hasher: APIKeyHasher)
        throws(ConfigurationError)
    {
        var seen: [(key: SymmetricKey, name: String)] = []
        /// `subject` says which key of `variable` it is when it holds several.
        func add(_ key: SymmetricKey, variable: String, subject: String? = nil) throws(ConfigurationError) {
            let name = subject.map { "\($0) of \(variable)" } ?? variable
            if let earlier = seen.first(where: { $0.key == key }) {
                throw ConfigurationError(
                    variable: variable,
                    problem: (subject.map { "\($0) " } ?? "")
                        + "holds the same bytes as \(earlier.name); every purpose needs its own key")
            }
            seen.append((key, name))
        }
        for key in keyRing.keys {
            try add(key.symmetricKey, variable: KeyRing.keysVariable, subject: "key '\(key.id)'")
        }
        if let legacy = keyRing.legacySymmetricKey {
            try add(legacy, variable: KeyRing.legacyKeyVariable)
        }
        try add(blindIndex.key, variable: BlindIndex.keyVariable)
        try add(hasher.key, variable: APIKeyHasher.pepperVariable)
    }
}
