import Crypto

/// The stored form of an API key: HMAC-SHA-256 of the key's text under a server
/// secret (the "pepper", `SUPPORTCARR_API_KEY_PEPPER`), as 64 hex digits in
/// `apikeys.key` (the data model: the key is stored hashed).
///
/// Why a keyed hash rather than a plain SHA-256 or bcrypt:
/// - The keys carry 256 random bits, so no slow password hash is needed (and
///   bcrypt on every request would cost tens of milliseconds of CPU); a fast
///   hash cannot be brute-forced from a stolen table.
/// - Keying it means the table alone is useless: someone who can read the
///   database cannot check a key found elsewhere (a log, a laptop) against it,
///   and someone who can *write* the database cannot mint a working key by
///   inserting a record with the hash of a key of their own choosing, since
///   they cannot compute the hash without the pepper, which lives only in the
///   gateway's environment.
public struct APIKeyHasher: Sendable {
    let key: SymmetricKey
    /// Tells hashers apart without showing their pepper: the MAC of a fixed
    /// label. A `VerificationMemo` entry holds its hasher's, so a verdict
    /// reached under one pepper is never reused under another.
    let fingerprint: [UInt8]

    /// A hasher keyed with 64 hex digits (32 bytes).
    public init(pepperHex: String) throws(KeyMaterialError) {
        guard let bytes = Hex.decode(pepperHex) else { throw .notHex }
        guard bytes.count == 32 else { throw .wrongLength(bytes.count) }
        self.init(pepperBytes: bytes)
    }

    init(pepperBytes: [UInt8]) {
        let key = SymmetricKey(data: pepperBytes)
        self.key = key
        self.fingerprint = Array(HMAC<SHA256>.authenticationCode(for: Array("hasher".utf8), using: key))
    }

    /// The 32-byte MAC of `token`: HMAC-SHA-256 over `apikey`, a zero byte and
    /// the key's text (the label keeps this hash space apart from any other use
    /// of the same secret).
    public func mac(of token: APIKeyToken) -> [UInt8] {
        mac(ofText: token.text)
    }

    func mac(ofText text: String) -> [UInt8] {
        var message = Array("apikey".utf8)
        message.append(0)
        message.append(contentsOf: text.utf8)
        return Array(HMAC<SHA256>.authenticationCode(for: message, using: key))
    }

    /// The stored form: `mac(of:)` as 64 lower-case hex digits.
    public func hash(_ token: APIKeyToken) -> String {
        Hex.encode(mac(of: token))
    }
}

/// Reading the pepper from the process environment.
extension APIKeyHasher {
    /// The variable holding the pepper: 64 hex digits (32 bytes).
    public static let pepperVariable = "SUPPORTCARR_API_KEY_PEPPER"

    /// The published development pepper, used when `SUPPORTCARR_ENV=development`
    /// and the variable is unset: `3b1f0d6c9a4e2b7f58c3d1e0a9f6b2c4d7e8f1a3b5c6d9e0f2a4b6c8d1e3f5a7`.
    /// Keys created under it work only where it is in use, never in production.
    static let developmentPepperHex = "3b1f0d6c9a4e2b7f58c3d1e0a9f6b2c4d7e8f1a3b5c6d9e0f2a4b6c8d1e3f5a7"

    /// The development hasher (see `developmentPepperHex`). The literal is 64 hex
    /// digits, so decoding cannot fail; a test pins a hash under it.
    public static let development = APIKeyHasher(pepperBytes: Hex.decode(developmentPepperHex) ?? [])

    /// The hasher `environment` configures: `SUPPORTCARR_API_KEY_PEPPER`,
    /// required in production (and not the development pepper there),
    /// defaulting to `development` when `SUPPORTCARR_ENV=development`.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> APIKeyHasher {
        let deployment = try DeploymentEnvironment.fromEnvironment(environment)
        guard let raw = environment[pepperVariable], !raw.trimmingSpaces.isEmpty else {
            guard deployment == .development else {
                throw ConfigurationError(
                    variable: pepperVariable,
                    problem: "is required (64 hex digits; SUPPORTCARR_ENV=development uses the development pepper)")
            }
            return development
        }
        let hasher: APIKeyHasher
        do {
            hasher = try APIKeyHasher(pepperHex: raw.trimmingSpaces)
        } catch {
            throw ConfigurationError(variable: pepperVariable, problem: error.description)
        }
        if deployment == .production, hasher.key == development.key {
            throw ConfigurationError(
                variable: pepperVariable, problem: "is the published development pepper; production needs its own")
        }
        return hasher
    }
}
