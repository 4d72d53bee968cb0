import GraphQLEngine
public import Security

/// Reading the gateway's settings from the process environment
/// (`README.md`, "Configuration"). Each malformed value is a `ConfigurationError`
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
        public static let maxConcurrentExecutions = "SUPPORTCARR_MAX_CONCURRENT_EXECUTIONS"
        public static let maxQueuedExecutions = "SUPPORTCARR_MAX_QUEUED_EXECUTIONS"
        public static let persistedQueryCapacity = "SUPPORTCARR_APQ_MAX_ENTRIES"
        public static let introspection = "SUPPORTCARR_INTROSPECTION"
        public static let playground = "SUPPORTCARR_PLAYGROUND"
        public static let maxTokens = "SUPPORTCARR_MAX_TOKENS"
        public static let maxDepth = "SUPPORTCARR_MAX_DEPTH"
        public static let maxNesting = "SUPPORTCARR_MAX_NESTING"
        public static let maxAliases = "SUPPORTCARR_MAX_ALIASES"
        public static let maxDirectives = "SUPPORTCARR_MAX_DIRECTIVES"
        public static let maxCost = "SUPPORTCARR_MAX_COST"
        public static let maxPageSize = "SUPPORTCARR_MAX_PAGE_SIZE"
        public static let maxURIBytes = "SUPPORTCARR_MAX_URI_BYTES"
        public static let idleTimeoutMS = "SUPPORTCARR_IDLE_TIMEOUT_MS"
        public static let readTimeoutMS = "SUPPORTCARR_READ_TIMEOUT_MS"
        public static let maxSubscriptionsPerConnection = "SUPPORTCARR_MAX_SUBSCRIPTIONS_PER_CONNECTION"
        public static let maxSubscriptionConnectionsPerKey = "SUPPORTCARR_MAX_SUBSCRIPTION_CONNECTIONS_PER_KEY"
        public static let subscriptionInitTimeoutMS = "SUPPORTCARR_SUBSCRIPTION_INIT_TIMEOUT_MS"
        public static let subscriptionKeepAliveMS = "SUPPORTCARR_SUBSCRIPTION_KEEPALIVE_MS"
        public static let metricsToken = "SUPPORTCARR_METRICS_TOKEN"
        public static let rateLimitMaxClients = "SUPPORTCARR_RATE_LIMIT_MAX_CLIENTS"
        public static let rateLimitAnonymous = "SUPPORTCARR_RATE_LIMIT_ANONYMOUS"
        /// `SUPPORTCARR_RATE_LIMIT_RIDER`, `_DRIVER`, `_SUPPORT`, `_ADMIN`.
        public static func rateLimit(for role: Role) -> String {
            "SUPPORTCARR_RATE_LIMIT_" + role.rawValue.uppercased()
        }
    }

    /// The shortest `SUPPORTCARR_METRICS_TOKEN` accepted: a token short
    /// enough to guess would protect nothing.
    public static let minimumMetricsTokenLength = 16

    /// The configuration `environment` describes; unset or empty variables keep their defaults.
    ///
    /// `SUPPORTCARR_ENV` (default `production`) picks the defaults that differ:
    /// production turns introspection off (`QueryLimits.production`, so also
    /// no "Did you mean ...?" hints) and with it the playground, and serves
    /// `/metrics` only with `SUPPORTCARR_METRICS_TOKEN`; development keeps
    /// introspection and the playground on, lets requests without a key run
    /// introspection-only operations, and serves `/metrics` to anyone unless
    /// a token is set.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError)
        -> GatewayConfiguration
    {
        let deployment = try DeploymentEnvironment.fromEnvironment(environment)
        var configuration = GatewayConfiguration(queryLimits: deployment == .production ? .production : QueryLimits())
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
        if let running = try integer(Variable.maxConcurrentExecutions, in: environment, range: 1...100_000) {
            configuration.limits.maxConcurrentExecutions = running
        }
        if let queued = try integer(Variable.maxQueuedExecutions, in: environment, range: 0...1_000_000) {
            configuration.limits.maxQueuedExecutions = queued
        }
        if let capacity = try integer(Variable.persistedQueryCapacity, in: environment, range: 1...1_000_000) {
            configuration.persistedQueryCapacity = capacity
        }
        if let bytes = try integer(Variable.maxURIBytes, in: environment, range: 1_024...GatewayLimits.maxMaxURIBytes) {
            configuration.limits.maxURIBytes = bytes
        }
        if let milliseconds = try integer(Variable.idleTimeoutMS, in: environment, range: 100...3_600_000) {
            configuration.limits.idleTimeout = .milliseconds(milliseconds)
        }
        if let milliseconds = try integer(Variable.readTimeoutMS, in: environment, range: 100...3_600_000) {
            configuration.limits.readTimeout = .milliseconds(milliseconds)
        }
        if let count = try integer(Variable.maxSubscriptionsPerConnection, in: environment, range: 1...1_000) {
            configuration.subscriptions.maxOperationsPerConnection = count
        }
        if let count = try integer(Variable.maxSubscriptionConnectionsPerKey, in: environment, range: 1...100_000) {
            configuration.subscriptions.maxConnectionsPerKey = count
        }
        if let milliseconds = try integer(Variable.subscriptionInitTimeoutMS, in: environment, range: 100...600_000) {
            configuration.subscriptions.initTimeout = .milliseconds(milliseconds)
        }
        if let milliseconds = try integer(Variable.subscriptionKeepAliveMS, in: environment, range: 1_000...600_000) {
            configuration.subscriptions.keepAlive = .milliseconds(milliseconds)
        }
        configuration.rateLimits = try rateLimits(in: environment)
        if let token = value(Variable.metricsToken, in: environment) {
            guard token.utf8.count >= minimumMetricsTokenLength, !token.contains(where: \.isWhitespace) else {
                throw ConfigurationError(
                    variable: Variable.metricsToken,
                    problem: "must be at least \(minimumMetricsTokenLength) characters, without spaces")
            }
            configuration.metricsAccess = .bearerToken(token)
        } else {
            configuration.metricsAccess = deployment == .development ? .open : .disabled
        }
        var queryLimits = configuration.queryLimits
        if let allowed = try boolean(Variable.introspection, in: environment) {
            queryLimits.allowsIntrospection = allowed
        }
        let bounded: [(String, WritableKeyPath<QueryLimits, Int?>, ClosedRange<Int>)] = [
            (Variable.maxTokens, \.maxTokens, 1...10_000_000), (Variable.maxDepth, \.maxDepth, 1...1_000),
            // At most what the stack tests prove safe on a database thread (see `QueryLimits.maxNesting`).
            (Variable.maxNesting, \.maxNesting, 1...QueryLimits.maxSafeNesting),
            (Variable.maxAliases, \.maxAliases, 0...100_000),
            (Variable.maxDirectives, \.maxDirectivesPerField, 0...1_000),
            (Variable.maxCost, \.maxCost, 1...1_000_000_000), (Variable.maxPageSize, \.maxPageSize, 1...100_000),
        ]
        for (name, keyPath, range) in bounded {
            if let value = try integer(name, in: environment, range: range) { queryLimits[keyPath: keyPath] = value }
        }
        queryLimits.executionTimeout = configuration.limits.executionTimeout
        configuration.queryLimits = queryLimits
        configuration.allowsAnonymousIntrospection = deployment == .development && queryLimits.allowsIntrospection
        configuration.servesPlayground =
            try boolean(Variable.playground, in: environment) ?? queryLimits.allowsIntrospection
        return configuration
    }

    /// The rate limits: each role's and the anonymous limit from its
    /// variable (`REQUESTS/COST` a minute, either side `off`, or `off` for
    /// both), the defaults of `RateLimits` where unset.
    static func rateLimits(in environment: [String: String]) throws(ConfigurationError) -> RateLimits {
        var limits = RateLimits()
        for role in Role.allCases {
            if let limit = try rateLimit(Variable.rateLimit(for: role), in: environment) { limits[role] = limit }
        }
        if let limit = try rateLimit(Variable.rateLimitAnonymous, in: environment) { limits.anonymous = limit }
        if let clients = try integer(Variable.rateLimitMaxClients, in: environment, range: 100...10_000_000) {
            limits.maxClients = clients
        }
        return limits
    }

    /// `120/100000` (requests and estimated cost a minute), `120/off`,
    /// `off/100000`, or `off`; nil when unset.
    static func rateLimit(_ name: String, in environment: [String: String]) throws(ConfigurationError) -> RateLimit? {
        guard let text = value(name, in: environment)?.lowercased() else { return nil }
        if text == "off" { return .unlimited }
        let problem = ConfigurationError(
            variable: name,
            problem: "must be REQUESTS/COST a minute (whole numbers from 1 to 1000000000, or off), or off")
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace }
        guard parts.count == 2 else { throw problem }
        var numbers: [Int?] = []
        for part in parts {
            if part == "off" {
                numbers.append(nil)
            } else if let number = Int(part), (1...1_000_000_000).contains(number) {
                numbers.append(number)
            } else {
                throw problem
            }
        }
        return RateLimit(requestsPerMinute: numbers[0], costPerMinute: numbers[1])
    }

    /// `true`/`false` (also `1`/`0`, `on`/`off`, `yes`/`no`), or nil when unset.
    static func boolean(_ name: String, in environment: [String: String]) throws(ConfigurationError) -> Bool? {
        guard let text = value(name, in: environment)?.lowercased() else { return nil }
        switch text {
        case "true", "1", "on", "yes": return true
        case "false", "0", "off", "no": return false
        default: throw ConfigurationError(variable: name, problem: "must be true or false")
        }
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
