/// Reading `SUPPORTCARR_LEGACY_CIPHERTEXTS` from the process environment.
extension LegacyCiphertexts {
    /// The variable: `accept` or `refuse`. Unset, the gateway decides at
    /// start-up (`supportcarr serve`: refuse in production once the last
    /// complete `keys rotate` left no legacy value, accept otherwise).
    public static let variable = "SUPPORTCARR_LEGACY_CIPHERTEXTS"

    /// The setting `environment` makes, nil when it makes none.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError)
        -> LegacyCiphertexts?
    {
        guard let raw = environment[variable]?.trimmingSpaces, !raw.isEmpty else { return nil }
        guard let value = LegacyCiphertexts(rawValue: raw.lowercased()) else {
            throw ConfigurationError(variable: variable, problem: "must be 'accept' or 'refuse'")
        }
        return value
    }
}
