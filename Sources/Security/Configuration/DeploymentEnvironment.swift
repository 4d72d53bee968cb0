/// Where the process runs, from `SUPPORTCARR_ENV`. Development may fall back on
/// the published development keys; production refuses to start without real ones
/// (and refuses the development keys if someone configures them by mistake).
public enum DeploymentEnvironment: String, Sendable, Equatable, CaseIterable {
    case development
    case production

    /// The variable this is read from.
    public static let variable = "SUPPORTCARR_ENV"

    /// `SUPPORTCARR_ENV` from `environment`. Unset means `production`: the safe
    /// default, so forgetting the variable never puts development keys in front
    /// of real data.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> Self {
        guard let raw = environment[variable], !raw.isEmpty else { return .production }
        guard let value = Self(rawValue: raw.lowercased()) else {
            throw ConfigurationError(variable: variable, problem: "must be 'development' or 'production'")
        }
        return value
    }
}
