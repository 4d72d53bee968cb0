import Testing

@testable import Security

@Suite("BlindIndex")
struct BlindIndexTests {
    let index = BlindIndex.development

    @Test("phone numbers normalise to + and digits")
    func phoneNormalisation() {
        #expect(BlindIndex.Kind.phoneNumber.normalise("+1 (415) 555-0100") == "+14155550100")
        #expect(BlindIndex.Kind.phoneNumber.normalise("14155550100") == "+14155550100")
        #expect(BlindIndex.Kind.phoneNumber.normalise("call me") == nil)
    }

    @Test("plate numbers normalise to upper-case letters and digits")
    func plateNormalisation() {
        #expect(BlindIndex.Kind.plateNumber.normalise("7abc 123") == "7ABC123")
        #expect(BlindIndex.Kind.plateNumber.normalise("7-ABC-123") == "7ABC123")
        #expect(BlindIndex.Kind.plateNumber.normalise(" - ") == nil)
    }

    @Test("emails normalise to trimmed lower case")
    func emailNormalisation() throws {
        #expect(BlindIndex.Kind.email.normalise(" Dana.Ruiz@Example.com ") == "dana.ruiz@example.com")
        #expect(try index.emailHash("DANA@example.com") == index.emailHash("dana@example.com"))
    }

    @Test("differently formatted equal values hash alike, different values do not")
    func equalityOfHashes() throws {
        #expect(try index.phoneNumberHash("+1 415 555 0100") == index.phoneNumberHash("+1-415-555-0100"))
        #expect(try index.phoneNumberHash("+14155550100") != index.phoneNumberHash("+14155550101"))
        #expect(try index.plateNumberHash("7abc123") == index.plateNumberHash("7ABC 123"))
    }

    @Test("the hash is HMAC-SHA-256 under the key, kind-separated, as 64 hex digits")
    func knownValue() throws {
        // Computed independently: printf 'phoneNumber\0+14155550100' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<dev key>
        let hash = try index.phoneNumberHash("+1 415 555 0100")
        #expect(hash == "ea1285fefc27a92579214028c412266fa9e7f2044ee34241be1ceee6a8711fa6")
        #expect(hash.count == 64)
        #expect(try index.hash("14155550100", as: .plateNumber) != index.hash("14155550100", as: .phoneNumber))
    }

    @Test("another key gives other hashes")
    func keyed() throws {
        let other = try BlindIndex(keyHex: String(repeating: "42", count: 32))
        #expect(try other.phoneNumberHash("+14155550100") != index.phoneNumberHash("+14155550100"))
    }

    @Test("nothing to index is an error")
    func empty() {
        #expect(throws: BlindIndexError.nothingToIndex(.phoneNumber)) { try index.phoneNumberHash("n/a") }
    }

    @Test("the key comes from SUPPORTCARR_BLIND_INDEX_KEY, required in production")
    func environment() throws {
        #expect(throws: ConfigurationError.self) { try BlindIndex.fromEnvironment([:]) }
        #expect(throws: ConfigurationError.self) {
            try BlindIndex.fromEnvironment(["SUPPORTCARR_BLIND_INDEX_KEY": "123"])
        }
        #expect(throws: ConfigurationError.self) {
            try BlindIndex.fromEnvironment(["SUPPORTCARR_BLIND_INDEX_KEY": BlindIndex.developmentKeyHex])
        }
        let dev = try BlindIndex.fromEnvironment(["SUPPORTCARR_ENV": "development"])
        #expect(try dev.phoneNumberHash("+1") == index.phoneNumberHash("+1"))
        let configured = try BlindIndex.fromEnvironment([
            "SUPPORTCARR_BLIND_INDEX_KEY": String(repeating: "42", count: 32)
        ])
        #expect(try configured.phoneNumberHash("+1") != index.phoneNumberHash("+1"))
    }
}
