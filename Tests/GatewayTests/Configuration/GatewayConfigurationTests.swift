import Gateway
import Security
import Testing

@Suite("Configuration from the environment")
struct GatewayConfigurationTests {
    @Test("an empty environment gives the documented defaults: production, introspection off")
    func defaults() throws {
        let configuration = try GatewayConfiguration.fromEnvironment([:])
        #expect(!configuration.queryLimits.allowsIntrospection)
        #expect(!configuration.allowsAnonymousIntrospection)
        #expect(!configuration.servesPlayground)
        #expect(configuration.queryLimits.maxDepth == 12)
        #expect(configuration.queryLimits.maxNesting == 64)
        #expect(configuration.queryLimits.maxPageSize == 100)
        #expect(configuration.queryLimits.executionTimeout == .seconds(10))
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.limits.maxBodyBytes == 1_048_576)
        #expect(configuration.limits.executionTimeout == .seconds(10))
        #expect(configuration.limits.maxBatchSize == 0)
        #expect(configuration.limits.maxURIBytes == 16_384)
        #expect(configuration.limits.idleTimeout == .seconds(60))
        #expect(configuration.limits.readTimeout == .seconds(30))
        #expect(configuration.rateLimits == RateLimits())
        #expect(configuration.rateLimits.rider == RateLimit(requestsPerMinute: 120, costPerMinute: 100_000))
        #expect(configuration.rateLimits.admin == RateLimit(requestsPerMinute: 1_200, costPerMinute: 1_000_000))
        #expect(configuration.rateLimits.anonymous == RateLimit(requestsPerMinute: 60, costPerMinute: 300_000))
        // Production without a token: /metrics is not served.
        #expect(configuration.metricsAccess == .disabled)
    }

    @Test("the connection limits, the rate limits and the metrics token are read from their variables")
    func transportVariables() throws {
        let configuration = try GatewayConfiguration.fromEnvironment([
            "SUPPORTCARR_MAX_URI_BYTES": "4096", "SUPPORTCARR_IDLE_TIMEOUT_MS": "750",
            "SUPPORTCARR_READ_TIMEOUT_MS": "2000", "SUPPORTCARR_RATE_LIMIT_RIDER": "30/5000",
            "SUPPORTCARR_RATE_LIMIT_DRIVER": "off", "SUPPORTCARR_RATE_LIMIT_SUPPORT": "600/off",
            "SUPPORTCARR_RATE_LIMIT_ADMIN": " off / 70000 ", "SUPPORTCARR_RATE_LIMIT_ANONYMOUS": "5/50000",
            "SUPPORTCARR_RATE_LIMIT_MAX_CLIENTS": "500", "SUPPORTCARR_METRICS_TOKEN": "a-scraper-token-0123",
        ])
        #expect(configuration.limits.maxURIBytes == 4096)
        #expect(configuration.limits.idleTimeout == .milliseconds(750))
        #expect(configuration.limits.readTimeout == .milliseconds(2000))
        let limits = configuration.rateLimits
        #expect(limits.rider == RateLimit(requestsPerMinute: 30, costPerMinute: 5000))
        #expect(limits.driver == .unlimited)
        #expect(limits.support == RateLimit(requestsPerMinute: 600, costPerMinute: nil))
        #expect(limits.admin == RateLimit(requestsPerMinute: nil, costPerMinute: 70_000))
        #expect(limits.anonymous == RateLimit(requestsPerMinute: 5, costPerMinute: 50_000))
        #expect(limits.maxClients == 500)
        #expect(configuration.metricsAccess == .bearerToken("a-scraper-token-0123"))
        #expect(configuration.metricsAccess.description == "bearer token")
        // Development without a token serves /metrics to anyone.
        #expect(try GatewayConfiguration.fromEnvironment(["SUPPORTCARR_ENV": "development"]).metricsAccess == .open)
    }

    @Test("each variable sets its setting")
    func variables() throws {
        let configuration = try GatewayConfiguration.fromEnvironment([
            "HOST": "0.0.0.0", "PORT": "9000", "SUPPORTCARR_MAX_BODY_BYTES": "2048",
            "SUPPORTCARR_EXECUTION_TIMEOUT_MS": "1500", "SUPPORTCARR_MAX_BATCH": "5",
            "SUPPORTCARR_APQ_MAX_ENTRIES": "10",
        ])
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9000)
        #expect(configuration.limits.maxBodyBytes == 2048)
        #expect(configuration.limits.executionTimeout == .milliseconds(1500))
        #expect(configuration.limits.maxBatchSize == 5)
        #expect(configuration.persistedQueryCapacity == 10)
    }

    @Test("development keeps introspection on and allows it anonymously, unless turned off")
    func development() throws {
        let development = try GatewayConfiguration.fromEnvironment(["SUPPORTCARR_ENV": "development"])
        #expect(development.queryLimits.allowsIntrospection)
        #expect(development.allowsAnonymousIntrospection)
        let off = try GatewayConfiguration.fromEnvironment([
            "SUPPORTCARR_ENV": "development", "SUPPORTCARR_INTROSPECTION": "false",
        ])
        #expect(!off.queryLimits.allowsIntrospection)
        #expect(!off.allowsAnonymousIntrospection)
    }

    @Test("the playground follows introspection unless SUPPORTCARR_PLAYGROUND says otherwise")
    func playground() throws {
        #expect(try GatewayConfiguration.fromEnvironment(["SUPPORTCARR_ENV": "development"]).servesPlayground)
        #expect(try GatewayConfiguration.fromEnvironment(["SUPPORTCARR_INTROSPECTION": "on"]).servesPlayground)
        #expect(try GatewayConfiguration.fromEnvironment(["SUPPORTCARR_PLAYGROUND": "on"]).servesPlayground)
        #expect(
            try !GatewayConfiguration.fromEnvironment([
                "SUPPORTCARR_ENV": "development", "SUPPORTCARR_PLAYGROUND": "off",
            ]).servesPlayground)
        #expect(throws: ConfigurationError.self) {
            try GatewayConfiguration.fromEnvironment(["SUPPORTCARR_PLAYGROUND": "sometimes"])
        }
    }

    @Test("the document limits and the timeout are read into the query limits")
    func queryLimits() throws {
        let configuration = try GatewayConfiguration.fromEnvironment([
            "SUPPORTCARR_MAX_TOKENS": "500", "SUPPORTCARR_MAX_DEPTH": "6", "SUPPORTCARR_MAX_NESTING": "40",
            "SUPPORTCARR_MAX_ALIASES": "3",
            "SUPPORTCARR_MAX_DIRECTIVES": "2", "SUPPORTCARR_MAX_COST": "999", "SUPPORTCARR_MAX_PAGE_SIZE": "50",
            "SUPPORTCARR_EXECUTION_TIMEOUT_MS": "2500", "SUPPORTCARR_INTROSPECTION": "on",
        ])
        let limits = configuration.queryLimits
        #expect(limits.maxTokens == 500)
        #expect(limits.maxDepth == 6)
        #expect(limits.maxNesting == 40)
        #expect(limits.maxAliases == 3)
        #expect(limits.maxDirectivesPerField == 2)
        #expect(limits.maxCost == 999)
        #expect(limits.maxPageSize == 50)
        #expect(limits.allowsIntrospection)
        #expect(limits.executionTimeout == .milliseconds(2500))
        #expect(configuration.limits.executionTimeout == .milliseconds(2500))
    }

    @Test(
        "a malformed value is an error naming its variable, never its value",
        arguments: [
            ("PORT", "http"), ("PORT", "70000"), ("SUPPORTCARR_MAX_BODY_BYTES", "-1"),
            ("SUPPORTCARR_EXECUTION_TIMEOUT_MS", "-5"), ("SUPPORTCARR_MAX_BATCH", "1000"),
            ("SUPPORTCARR_APQ_MAX_ENTRIES", "lots"), ("SUPPORTCARR_MAX_DEPTH", "-2"),
            // Past what the stack tests prove safe on a database thread.
            ("SUPPORTCARR_MAX_NESTING", "100000"),
            ("SUPPORTCARR_INTROSPECTION", "maybe"), ("SUPPORTCARR_ENV", "staging"),
            ("SUPPORTCARR_MAX_URI_BYTES", "100"), ("SUPPORTCARR_MAX_URI_BYTES", "1000000"),
            ("SUPPORTCARR_IDLE_TIMEOUT_MS", "soon"), ("SUPPORTCARR_READ_TIMEOUT_MS", "-3"),
            ("SUPPORTCARR_RATE_LIMIT_RIDER", "120"), ("SUPPORTCARR_RATE_LIMIT_ADMIN", "0/100"),
            ("SUPPORTCARR_RATE_LIMIT_ANONYMOUS", "60/lots"), ("SUPPORTCARR_RATE_LIMIT_MAX_CLIENTS", "3"),
            ("SUPPORTCARR_METRICS_TOKEN", "short-secret"),
        ])
    func malformed(variable: String, value: String) {
        #expect {
            _ = try GatewayConfiguration.fromEnvironment([variable: value])
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.variable == variable && error.description.hasPrefix(variable + ":")
                && !error.description.contains(value)
        }
    }
}
