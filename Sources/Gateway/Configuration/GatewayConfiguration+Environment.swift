public import Security

/// Reading the gateway's settings from the process environment
/// (DESIGN.md, "Configuration"). Each malformed value is a `ConfigurationError`
/// naming its variable, which start-up prints as its one line.
extension GatewayConfiguration {
    /// The variables read here, with their defaults in `GatewayConfiguration`
    /// and `GatewayLimits`.
    public enum Variable {
        public static let host = "HOST"
        public static let port = "PORT"
        public static let maxBodyBytes = "SUPPORTCARR_MAX_BODY_BYTES"
        public static let executionTimeoutMS = "SUPPORTCARR_EXECUTION_TIMEOUT_MS"
        public static let maxBatchSize = "SUPPORTCARR_MAX_BATCH"
        public static let persistedQueryCapacity = "SUPPORTCARR_APQ_MAX_ENTRIES"
    }

    /// The configuration `environment` describes; unset or empty variables keep their defaults.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError)
        -> GatewayConfiguration
    {
        var configuration = GatewayConfiguration()
        if let host = value(Variable.host, in: environment) {
            configuration.host = host
        }
        if let port = try integer(Variable.port, in: environment, range: 0...65_535) {
            configuration.port = port
        }
        if let bytes = try integer(Variable.maxBodyBytes, in: environment, range: 1...(1 << 30)) {
            configuration.limits.maxBodyBytes = bytes
        }
        if let milliseconds = try integer(Variable.executionTimeoutMS, in: environment, range: 1...3_600_000) {
            configuration.limits.executionTimeout = .milliseconds(milliseconds)
        }
        if let size = try integer(Variable.maxBatchSize, in: environment, range: 0...100) {
            configuration.limits.maxBatchSize = size
        }
        if let capacity = try integer(Variable.persistedQueryCapacity, in: environment, range: 1...1_000_000) {
            configuration.persistedQueryCapacity = capacity
        }
        return configuration
    }

    static func value(_ name: String, in environment: [String: String]) -> String? {
        guard let raw = environment[name] else { return nil }
        let trimmed = raw.trimmingWhitespace
        return trimmed.isEmpty ? nil : trimmed
    }

    /// A whole number within `range`, or nil when unset; anything else names the variable.
    static func integer(
        _ name: String, in environment: [String: String], range: ClosedRange<Int>
    ) throws(ConfigurationError) -> Int? {
        guard let text = value(name, in: environment) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw ConfigurationError(
                variable: name, problem: "must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
