/// Reading the blind-index key from the process environment.
extension BlindIndex {
    /// The variable holding the key: 64 hex digits (32 bytes).
    public static let keyVariable = "SUPPORTCARR_BLIND_INDEX_KEY"

    /// The published development key, used when `SUPPORTCARR_ENV=development` and
    /// the variable is unset: `77e47ba9bfa820f001f26034e82f99c71633e26d8116779105d1a47db04d973c`.
    static let developmentKeyHex = "77e47ba9bfa820f001f26034e82f99c71633e26d8116779105d1a47db04d973c"

    /// The development blind index (see `developmentKeyHex`); never in production.
    /// (The literal is 64 hex digits, so decoding cannot fail; a test pins the
    /// hashes this key gives.)
    public static let development = BlindIndex(keyBytes: Hex.decode(developmentKeyHex) ?? [])

    /// The blind index `environment` configures: `SUPPORTCARR_BLIND_INDEX_KEY`,
    /// required in production (and not the development key there), defaulting to
    /// `development` when `SUPPORTCARR_ENV=development`.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> BlindIndex {
        let deployment = try DeploymentEnvironment.fromEnvironment(environment)
        guard let raw = environment[keyVariable], !raw.trimmingSpaces.isEmpty else {
            guard deployment == .development else {
                throw ConfigurationError(
                    variable: keyVariable,
                    problem: "is required (64 hex digits; SUPPORTCARR_ENV=development uses the development key)"
                )
            }
            return development
        }
        let index: BlindIndex
        do {
            index = try BlindIndex(keyHex: raw.trimmingSpaces)
        } catch {
            throw ConfigurationError(variable: keyVariable, problem: error.description)
        }
        if deployment == .production, index.key == development.key {
            throw ConfigurationError(
                variable: keyVariable, problem: "is the published development key; production needs its own key")
        }
        return index
    }
}
