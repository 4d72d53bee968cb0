/// A missing or malformed setting. Its description is the one line start-up
/// prints before stopping: the variable's name and what is wrong, never the
/// value itself (it may be key material).
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The environment variable (or flag) at fault, e.g. `SUPPORTCARR_ENCRYPTION_KEYS`.
    public let variable: String
    /// What is wrong with it, in words an operator can act on.
    public let problem: String

    public init(variable: String, problem: String) {
        self.variable = variable
        self.problem = problem
    }

    public var description: String { "\(variable): \(problem)" }
}
