import Testing

@testable import Security

@Suite("API key hashing")
struct APIKeyHasherTests {
    @Test("the stored hash is HMAC-SHA-256 under the pepper (pinned against Python's hmac module)")
    func pinned() throws {
        let token = try #require(APIKeyToken(parsing: "sk_test_" + String(repeating: "0", count: 42) + "1"))
        // python3: hmac.new(pepper, b"apikey\0" + key, hashlib.sha256).hexdigest()
        #expect(
            APIKeyHasher.development.hash(token) == "708fd20ff28c13677815b2e3835ab61a3c26e040c3f3a9469dd1adc1abb01a8d")
    }

    @Test("the hash never equals or contains the key, and depends on the pepper")
    func hashIsNotTheKey() throws {
        let other = try APIKeyHasher(pepperHex: String(repeating: "5a", count: 32))
        for _ in 0..<50 {
            let token = APIKeyToken.generate(.live)
            let hash = APIKeyHasher.development.hash(token)
            #expect(hash.count == 64)
            #expect(hash != token.text)
            #expect(!hash.contains(token.body.suffix(31)))
            #expect(!token.text.contains(hash))
            #expect(other.hash(token) != hash)
            #expect(APIKeyHasher.development.hash(token) == hash)
        }
    }

    @Test("production requires SUPPORTCARR_API_KEY_PEPPER and refuses the development pepper")
    func production() throws {
        for environment in [[:], ["SUPPORTCARR_ENV": "production"]] {
            #expect {
                try APIKeyHasher.fromEnvironment(environment)
            } throws: { error in
                (error as? ConfigurationError)?.variable == "SUPPORTCARR_API_KEY_PEPPER"
            }
        }
        #expect(throws: ConfigurationError.self) {
            try APIKeyHasher.fromEnvironment([
                "SUPPORTCARR_ENV": "production", "SUPPORTCARR_API_KEY_PEPPER": APIKeyHasher.developmentPepperHex,
            ])
        }
        let real = try APIKeyHasher.fromEnvironment([
            "SUPPORTCARR_ENV": "production", "SUPPORTCARR_API_KEY_PEPPER": String(repeating: "c3", count: 32),
        ])
        let token = APIKeyToken.generate(.live)
        #expect(real.hash(token) != APIKeyHasher.development.hash(token))
    }

    @Test("development without a pepper uses the published one; a malformed pepper is named, not echoed")
    func development() throws {
        let hasher = try APIKeyHasher.fromEnvironment(["SUPPORTCARR_ENV": "development"])
        let token = APIKeyToken.generate(.test)
        #expect(hasher.hash(token) == APIKeyHasher.development.hash(token))
        #expect {
            try APIKeyHasher.fromEnvironment([
                "SUPPORTCARR_ENV": "development", "SUPPORTCARR_API_KEY_PEPPER": "secretxyz",
            ])
        } throws: { error in
            let error = error as? ConfigurationError
            return error?.variable == "SUPPORTCARR_API_KEY_PEPPER"
                && !(error?.description.contains("secretxyz") ?? true)
        }
    }

    @Test("constant-time comparison agrees with ==")
    func constantTime() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([0, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2], [1, 2, 3]))
        #expect(ConstantTime.equals([], []))
    }
}
