import Testing

@testable import Security

@Suite("KeyRing from the environment")
struct KeyRingTests {
    let keyA = String(repeating: "a1", count: 32)
    let keyB = String(repeating: "b2", count: 32)

    @Test("keys are read newest first with their ids")
    func parsesList() throws {
        let ring = try KeyRing.fromEnvironment([
            "SUPPORTCARR_ENCRYPTION_KEYS": "2026-06:\(keyB), 2026-03:\(keyA)",
            "SUPPORTCARR_ENV": "production",
        ])
        #expect(ring.keys.map(\.id) == ["2026-06", "2026-03"])
        #expect(ring.current.id == "2026-06")
        #expect(!ring.hasLegacyKey)
    }

    @Test("ENCRYPTION_KEY adds the legacy key")
    func legacyKey() throws {
        let ring = try KeyRing.fromEnvironment([
            "SUPPORTCARR_ENCRYPTION_KEYS": "k1:\(keyA)", "ENCRYPTION_KEY": keyB,
        ])
        #expect(ring.hasLegacyKey)
    }

    @Test("production without SUPPORTCARR_ENCRYPTION_KEYS is refused, naming the variable")
    func productionNeedsKeys() {
        for environment in [[:], ["SUPPORTCARR_ENV": "production"], ["ENCRYPTION_KEY": keyA]] {
            #expect {
                try KeyRing.fromEnvironment(environment)
            } throws: { error in
                (error as? ConfigurationError)?.variable == "SUPPORTCARR_ENCRYPTION_KEYS"
            }
        }
    }

    @Test("development without keys uses the published development ring")
    func developmentFallback() throws {
        let ring = try KeyRing.fromEnvironment(["SUPPORTCARR_ENV": "development"])
        #expect(ring.keys.map(\.id) == ["dev-2", "dev-1"])
        #expect(KeyRing.development.keys.count == 2)
    }

    @Test("the development keys are refused in production")
    func developmentKeysRefusedInProduction() {
        let devHex = KeyRing.developmentKeyText[0].hex
        #expect(throws: ConfigurationError.self) {
            try KeyRing.fromEnvironment(["SUPPORTCARR_ENCRYPTION_KEYS": "mine:\(devHex)"])
        }
    }

    @Test(
        "malformed settings name the variable and never echo the key",
        arguments: [
            ("SUPPORTCARR_ENCRYPTION_KEYS", "nocolon"),
            ("SUPPORTCARR_ENCRYPTION_KEYS", "k1:abcd"),
            ("SUPPORTCARR_ENCRYPTION_KEYS", "k1:\(String(repeating: "zz", count: 32))"),
            ("SUPPORTCARR_ENCRYPTION_KEYS", "bad id!:\(String(repeating: "a1", count: 32))"),
            (
                "SUPPORTCARR_ENCRYPTION_KEYS",
                "k1:\(String(repeating: "a1", count: 32)),k1:\(String(repeating: "b2", count: 32))"
            ),
            ("SUPPORTCARR_ENCRYPTION_KEYS", "k1:\(String(repeating: "a1", count: 32)),"),
            ("ENCRYPTION_KEY", "0123"),
            ("SUPPORTCARR_ENV", "staging"),
        ])
    func malformed(variable: String, value: String) {
        var environment = ["SUPPORTCARR_ENCRYPTION_KEYS": "k0:\(String(repeating: "c3", count: 32))"]
        environment[variable] = value
        #expect {
            try KeyRing.fromEnvironment(environment)
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.variable == variable && !error.description.contains(String(repeating: "a1", count: 32))
                && error.description.hasPrefix("\(variable): ")
        }
    }
}
