import Testing

@testable import Security

/// A fixed generator, so some tests see the same bytes every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("API key format")
struct APIKeyTokenTests {
    @Test("a key is its type prefix and 43 base62 digits holding 32 random bytes")
    func format() throws {
        for kind in APIKeyKind.allCases {
            let token = APIKeyToken.generate(kind)
            #expect(token.text.hasPrefix(kind == .live ? "sk_live_" : "sk_test_"))
            #expect(token.body.count == 43)
            #expect(token.body.utf8.allSatisfy { Base62.alphabet.contains($0) })
            #expect(token.randomBytes.count == 32)
            #expect(try #require(APIKeyToken(parsing: token.text)) == token)
        }
    }

    @Test("the lookup prefix is the type prefix and the first 12 digits")
    func lookupPrefix() {
        let token = APIKeyToken.generate(.live)
        #expect(token.lookupPrefix == "sk_live_" + token.body.prefix(12))
        #expect(token.lookupPrefix.count == 20)
    }

    @Test("base62 round-trips the extreme and random 32-byte values at a fixed width")
    func base62RoundTrip() {
        var generator = SplitMix(state: 7)
        var samples: [[UInt8]] = [
            Array(repeating: 0, count: 32), Array(repeating: 0xff, count: 32), [1] + Array(repeating: 0, count: 31),
        ]
        for _ in 0..<200 { samples.append((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
        for bytes in samples {
            let text = Base62.encode(bytes)
            #expect(text.count == 43)
            #expect(Base62.decode(text, byteCount: 32) == bytes)
        }
        #expect(Base62.encode(Array(repeating: 0, count: 32)) == String(repeating: "0", count: 43))
    }

    @Test("a thousand keys are all different and their digits are spread evenly")
    func entropy() {
        var texts = Set<String>()
        var prefixes = Set<String>()
        var counts = [UInt8: Int]()
        for _ in 0..<1000 {
            let token = APIKeyToken.generate(.test)
            texts.insert(token.text)
            prefixes.insert(token.lookupPrefix)
            // The first digit carries less than 6 bits (the number is below 2^256); count the others.
            for byte in token.body.utf8.dropFirst() { counts[byte, default: 0] += 1 }
        }
        #expect(texts.count == 1000)
        #expect(prefixes.count == 1000)
        #expect(counts.count == 62)
        // 42 000 digits over 62 symbols: about 677 each; a fair source stays well within ±25%.
        let expected = 42_000.0 / 62
        #expect(counts.values.allSatisfy { abs(Double($0) - expected) < expected * 0.25 })
    }

    @Test(
        "text that is not a key does not parse",
        arguments: [
            "", "sk_live_", "sk_prod_" + String(repeating: "a", count: 43),
            "pk_live_" + String(repeating: "a", count: 43),
            "sk_live_" + String(repeating: "a", count: 42), "sk_live_" + String(repeating: "a", count: 44),
            "sk_live_" + String(repeating: "a", count: 42) + "-", "sk_live_" + String(repeating: "a", count: 42) + "é",
            " sk_live_" + String(repeating: "a", count: 43), "SK_LIVE_" + String(repeating: "a", count: 43),
            // 43 'z' is 62^43 - 1, more than 2^256 - 1.
            "sk_live_" + String(repeating: "z", count: 43),
        ])
    func malformed(_ text: String) {
        #expect(APIKeyToken(parsing: text) == nil)
    }

    @Test("the largest 32-byte number parses and the next one does not")
    func boundary() throws {
        let largest = Base62.encode(Array(repeating: 0xff, count: 32))
        let token = try #require(APIKeyToken(parsing: "sk_live_" + largest))
        #expect(token.randomBytes == Array(repeating: 0xff, count: 32))
        // Add one in base62: the last digit of 2^256 - 1 is not 'z', so just bump it.
        let digits = Array(largest.utf8)
        let last = try #require(Base62.alphabet.firstIndex(of: digits[42]))
        let next = String(decoding: digits.dropLast() + [Base62.alphabet[last + 1]], as: UTF8.self)
        #expect(APIKeyToken(parsing: "sk_live_" + next) == nil)
        #expect(Base62.decode(next, byteCount: 32) == nil)
    }

    @Test("a key printed into a log shows only its lookup prefix")
    func description() {
        let token = APIKeyToken.generate(.live)
        #expect("\(token)" == token.lookupPrefix + "…")
        #expect(!"\(token)".contains(token.body.suffix(31)))
    }
}
