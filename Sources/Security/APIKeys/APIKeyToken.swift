/// An API key as text: `sk_live_` or `sk_test_`, then 43 base62 digits holding
/// 32 random bytes (256 bits, from `SystemRandomNumberGenerator`, the operating
/// system's cryptographic generator).
///
/// The first `lookupLength` digits after the type prefix, with the prefix, form
/// the key's `lookupPrefix` (e.g. `sk_live_4fQz0aB7mK2p`): stored in clear in
/// `apikeys.keyPrefix` under a unique index, so verification finds the one
/// candidate record without scanning, and operators can tell keys apart. The
/// remaining 31 digits (about 184 bits) stay secret; only a keyed hash of the
/// whole key is stored (`APIKeyHasher`).
public struct APIKeyToken: Sendable, Hashable {
    /// Random bytes in a key.
    public static let randomByteCount = 32
    /// Base62 digits after the type prefix.
    public static let bodyLength = Base62.width(forBytes: randomByteCount)
    /// Digits of the body kept in clear as the lookup prefix.
    public static let lookupLength = 12

    public let kind: APIKeyKind
    /// The 43 base62 digits after the type prefix.
    public let body: String

    /// The whole key, as the client sends it.
    public var text: String { kind.prefix + body }

    /// The type prefix and the first `lookupLength` digits: `apikeys.keyPrefix`.
    public var lookupPrefix: String { kind.prefix + String(body.prefix(Self.lookupLength)) }

    /// A new key of `kind` from the system's cryptographic random generator.
    public static func generate(_ kind: APIKeyKind) -> APIKeyToken {
        var generator = SystemRandomNumberGenerator()
        return generate(kind, using: &generator)
    }

    /// A new key of `kind` from `generator` (tests pass a seeded one).
    public static func generate(_ kind: APIKeyKind, using generator: inout some RandomNumberGenerator) -> APIKeyToken {
        let bytes = (0..<randomByteCount).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return APIKeyToken(kind: kind, body: Base62.encode(bytes))
    }

    private init(kind: APIKeyKind, body: String) {
        self.kind = kind
        self.body = body
    }

    /// The key `text` spells, or nil when it is not one: wrong type prefix,
    /// wrong length, a character outside base62, or a number too large for 32
    /// bytes. Surrounding spaces are not accepted (header parsing trims them).
    public init?(parsing text: some StringProtocol) {
        let utf8 = Array(text.utf8)
        guard let kind = APIKeyKind.allCases.first(where: { utf8.starts(with: $0.prefix.utf8) }) else { return nil }
        let body = utf8.dropFirst(kind.prefix.utf8.count)
        guard body.count == Self.bodyLength, body.allSatisfy(Base62.isDigit) else { return nil }
        // Fixed-width base62 in this alphabet (ASCII order) compares like the
        // numbers it spells, so "fits in 32 bytes" is one byte-wise comparison
        // with the largest body, much cheaper than decoding (parsing happens
        // before the lookup, and a refused key should cost what an accepted one does).
        guard !Self.largestBody.utf8.lexicographicallyPrecedes(body) else { return nil }
        self.init(kind: kind, body: String(decoding: body, as: UTF8.self))
    }

    /// The body of the largest 32-byte number, 2^256 - 1.
    static let largestBody = Base62.encode([UInt8](repeating: 0xff, count: randomByteCount))

    /// The 32 random bytes the key holds.
    public var randomBytes: [UInt8] { Base62.decode(body, byteCount: Self.randomByteCount) ?? [] }
}

extension APIKeyToken: CustomStringConvertible {
    /// The lookup prefix and an ellipsis: never the secret part, so a key that
    /// ends up in a log or an interpolated message does not leak.
    public var description: String { lookupPrefix + "…" }
}
