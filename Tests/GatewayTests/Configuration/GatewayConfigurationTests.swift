import Gateway
import Security
import Testing

@Suite("Configuration from the environment")
struct GatewayConfigurationTests {
    @Test("an empty environment gives the documented defaults")
    func defaults() throws {
        let configuration = try GatewayConfiguration.fromEnvironment([:])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.limits.maxBodyBytes == 1_048_576)
        #expect(configuration.limits.executionTimeout == .seconds(10))
        #expect(configuration.limits.maxBatchSize == 0)
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

    @Test(
        "a malformed value is an error naming its variable, never its value",
        arguments: [
            ("PORT", "http"), ("PORT", "70000"), ("SUPPORTCARR_MAX_BODY_BYTES", "-1"),
            ("SUPPORTCARR_EXECUTION_TIMEOUT_MS", "-5"), ("SUPPORTCARR_MAX_BATCH", "1000"),
            ("SUPPORTCARR_APQ_MAX_ENTRIES", "lots"),
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
