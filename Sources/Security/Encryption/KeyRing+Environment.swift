/// Reading the key ring from the process environment (`README.md`, "Configuration").
extension KeyRing {
    /// The variable holding the versioned keys: `id:hex64,id:hex64`, newest first.
    public static let keysVariable = "SUPPORTCARR_ENCRYPTION_KEYS"
    /// The data model's single legacy key (64 hex digits), for reading the Node services' format.
    public static let legacyKeyVariable = "ENCRYPTION_KEY"

    /// The development key ring: fixed, published keys (they are in this file), so
    /// demo data seeded on one laptop decrypts on another and in the tests.
    ///
    /// | id | key |
    /// | --- | --- |
    /// | `dev-2` (current) | `5d042c7ae82456651305c07665b7694c8c84cfdb37986dcf455c37b48353f4b7` |
    /// | `dev-1` | `2eed44c97db4cc40f354a3918a79a7112104e570597cd4f9e8be5b37c8f5d6ed` |
    ///
    /// Two keys so that rotation can be exercised in development. No legacy key:
    /// set `ENCRYPTION_KEY` to read the Node services' format. Never used in
    /// production: `fromEnvironment` refuses these keys there.
    public static let development: KeyRing = {
        let keys = developmentKeyText.compactMap { try? EncryptionKey(id: $0.id, hex: $0.hex) }
        // The literals above are valid, so this ring always has both keys; a
        // failure here would be a typo caught by the test that reads this ring.
        return (try? KeyRing(keys: keys)) ?? KeyRing(unchecked: keys)
    }()

    static let developmentKeyText: [(id: String, hex: String)] = [
        ("dev-2", "5d042c7ae82456651305c07665b7694c8c84cfdb37986dcf455c37b48353f4b7"),
        ("dev-1", "2eed44c97db4cc40f354a3918a79a7112104e570597cd4f9e8be5b37c8f5d6ed"),
    ]

    private init(unchecked keys: [EncryptionKey]) {
        self.keys = keys
        self.legacySymmetricKey = nil
    }

    /// The key ring `environment` configures.
    ///
    /// - `SUPPORTCARR_ENCRYPTION_KEYS`: `id:hex64` pairs separated by commas, newest
    ///   first. Required in production; in development, unset means the
    ///   `development` ring.
    /// - `ENCRYPTION_KEY`: optional legacy key (64 hex digits).
    /// - `SUPPORTCARR_ENV`: see `DeploymentEnvironment`.
    ///
    /// A malformed setting throws a `ConfigurationError` naming the variable (and
    /// the entry's position), never echoing key material.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> KeyRing {
        let deployment = try DeploymentEnvironment.fromEnvironment(environment)
        let legacyHex = try legacyKeyHex(from: environment)
        guard let text = environment[keysVariable], !text.trimmingSpaces.isEmpty else {
            guard deployment == .development else {
                throw ConfigurationError(
                    variable: keysVariable,
                    problem:
                        "is required (id:hex64 pairs, newest first; SUPPORTCARR_ENV=development uses the development keys)"
                )
            }
            do {
                return try KeyRing(keys: development.keys, legacyKeyHex: legacyHex)
            } catch {
                throw ConfigurationError(variable: legacyKeyVariable, problem: error.description)
            }
        }
        let keys = try parseKeyList(text)
        if deployment == .production {
            for key in keys where development.keys.contains(where: { key.hasSameMaterial(as: $0.symmetricKey) }) {
                throw ConfigurationError(
                    variable: keysVariable,
                    problem: "key '\(key.id)' is a published development key; production needs its own keys"
                )
            }
        }
        do {
            return try KeyRing(keys: keys, legacyKeyHex: legacyHex)
        } catch {
            throw ConfigurationError(variable: keysVariable, problem: error.description)
        }
    }

    private static func legacyKeyHex(from environment: [String: String]) throws(ConfigurationError) -> String? {
        guard let raw = environment[legacyKeyVariable] else { return nil }
        let hex = raw.trimmingSpaces
        if hex.isEmpty { return nil }
        guard let bytes = Hex.decode(hex), bytes.count == 32 else {
            throw ConfigurationError(variable: legacyKeyVariable, problem: "must be 64 hexadecimal digits (32 bytes)")
        }
        return hex
    }

    /// `id:hex64,id:hex64` into keys, in the order written.
    static func parseKeyList(_ text: String) throws(ConfigurationError) -> [EncryptionKey] {
        var keys: [EncryptionKey] = []
        for (offset, entry) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
            let position = offset + 1
            let parts = entry.trimmingSpaces.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw ConfigurationError(
                    variable: keysVariable,
                    problem: "entry \(position) is not of the form id:hex64"
                )
            }
            do {
                keys.append(try EncryptionKey(id: String(parts[0]), hex: String(parts[1])))
            } catch {
                throw ConfigurationError(variable: keysVariable, problem: "entry \(position): \(error.description)")
            }
        }
        var seen = Set<String>()
        for key in keys where !seen.insert(key.id).inserted {
            throw ConfigurationError(variable: keysVariable, problem: "key id '\(key.id)' appears twice")
        }
        return keys
    }
}

extension StringProtocol {
    /// The text without leading or trailing spaces, tabs and newlines.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
