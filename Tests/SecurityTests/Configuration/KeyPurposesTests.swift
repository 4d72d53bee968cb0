import Testing

@testable import Security

private let a = String(repeating: "1a", count: 32)
private let b = String(repeating: "2b", count: 32)
private let c = String(repeating: "3c", count: 32)
private let d = String(repeating: "4d", count: 32)
private let e = String(repeating: "5e", count: 32)

/// One key, one purpose: the same bytes in two of the key settings are refused
/// with one line naming the later setting, never the bytes.
@Suite struct KeyPurposesTests {
    static func check(ring: [(String, String)], legacy: String?, blindIndex: String, pepper: String) throws
        -> ConfigurationError?
    {
        let keyRing = try KeyRing(keys: ring.map { try EncryptionKey(id: $0.0, hex: $0.1) }, legacyKeyHex: legacy)
        let (index, hasher) = (try BlindIndex(keyHex: blindIndex), try APIKeyHasher(pepperHex: pepper))
        do throws(ConfigurationError) {
            try KeyPurposes.checkDistinct(keyRing: keyRing, blindIndex: index, hasher: hasher)
            return nil
        } catch {
            return error
        }
    }

    @Test func fourDifferentKeysPass() throws {
        #expect(try Self.check(ring: [("k2", a), ("k1", e)], legacy: b, blindIndex: c, pepper: d) == nil)
        #expect(try Self.check(ring: [("k1", a)], legacy: nil, blindIndex: c, pepper: d) == nil)
    }

    @Test(
        "the later of two settings holding the same bytes is named",
        arguments: [
            (
                [("k1", a)], b, a, d,
                "SUPPORTCARR_BLIND_INDEX_KEY: holds the same bytes as key 'k1' of SUPPORTCARR_ENCRYPTION_KEYS"
            ),
            (
                [("k2", c), ("k1", a)], a, b, d,
                "ENCRYPTION_KEY: holds the same bytes as key 'k1' of SUPPORTCARR_ENCRYPTION_KEYS"
            ),
            ([("k1", a)], b, c, b, "SUPPORTCARR_API_KEY_PEPPER: holds the same bytes as ENCRYPTION_KEY"),
            ([("k1", a)], nil, c, c, "SUPPORTCARR_API_KEY_PEPPER: holds the same bytes as SUPPORTCARR_BLIND_INDEX_KEY"),
            (
                [("k2", a), ("k1", a)], nil, c, d,
                "SUPPORTCARR_ENCRYPTION_KEYS: key 'k1' holds the same bytes as key 'k2' of SUPPORTCARR_ENCRYPTION_KEYS"
            ),
        ] as [([(String, String)], String?, String, String, String)])
    func sameBytesForTwoPurposes(
        ring: [(String, String)], legacy: String?, blindIndex: String, pepper: String, expected: String
    ) throws {
        let error = try #require(try Self.check(ring: ring, legacy: legacy, blindIndex: blindIndex, pepper: pepper))
        #expect(error.description == expected + "; every purpose needs its own key")
        for key in [a, b, c, d] { #expect(!error.description.contains(key)) }
    }

    @Test func theDevelopmentKeysServeOnePurposeEach() throws {
        try KeyPurposes.checkDistinct(keyRing: .development, blindIndex: .development, hasher: .development)
    }
}
