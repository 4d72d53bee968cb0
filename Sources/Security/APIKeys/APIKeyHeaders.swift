/// Finding the key in a request's headers: `Authorization: Bearer <key>`
/// (RFC 6750 §2.1) or `X-API-Key: <key>`.
public enum APIKeyHeaders {
    /// The key the headers carry; nil when neither header is present (an
    /// anonymous request, which the server may allow for introspection).
    ///
    /// Throws `AuthenticationError.invalidKey` when a header is there but
    /// unusable: an `Authorization` scheme other than `Bearer`, an empty value,
    /// a header repeated, or both headers with different keys. Header names are
    /// case-insensitive (RFC 9110 §5.1), as is the scheme (§11.1); spaces around
    /// the value are ignored.
    public static func credential(in headers: some Sequence<(name: String, value: String)>) throws(AuthenticationError)
        -> String?
    {
        // At most one of each (counted, not collected: this runs on every request).
        var bearer: String?
        var apiKey: String?
        var repeated = false
        for (name, value) in headers {
            if Self.name(name, is: "authorization") {
                repeated = repeated || bearer != nil
                bearer = value
            } else if Self.name(name, is: "x-api-key") {
                repeated = repeated || apiKey != nil
                apiKey = value
            }
        }
        guard !repeated else { throw .invalidKey }
        var found: String?
        if let value = bearer {
            found = try bearerToken(value)
        }
        if let value = apiKey {
            let key = value.trimmingSpaces
            guard !key.isEmpty, !key.contains(" ") else { throw .invalidKey }
            if let found, found != key { throw .invalidKey }
            found = key
        }
        return found
    }

    /// The token of `Bearer <token>`: the scheme (any case), one or more
    /// spaces, the token, and nothing after it but spaces.
    ///
    /// Read in place on the value's UTF-8 bytes: it runs on every request,
    /// and the `String` splitting and lowercasing it replaced (and then a
    /// copy of the bytes) were a visible share of a cheap request's cost.
    static func bearerToken(_ value: String) throws(AuthenticationError) -> String {
        var value = value
        guard let token = value.withUTF8({ bearerToken(in: $0) }) else { throw .invalidKey }
        return token
    }

    private static func bearerToken(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var index = bytes.startIndex
        func skipSpaces() {
            while index < bytes.endIndex, isSpace(bytes[index]) { index += 1 }
        }
        func word() -> Slice<UnsafeBufferPointer<UInt8>> {
            let start = index
            while index < bytes.endIndex, !isSpace(bytes[index]) { index += 1 }
            return bytes[start..<index]
        }
        skipSpaces()
        let scheme = word()
        skipSpaces()
        let token = word()
        skipSpaces()
        guard index == bytes.endIndex, !token.isEmpty, scheme.count == 6,
            zip(scheme, "bearer".utf8).allSatisfy({ lowercased($0) == $1 })
        else { return nil }
        return String(decoding: token, as: UTF8.self)
    }

    /// Whether the header `name` is `lowercase` (an ASCII name in lower case), in any case.
    static func name(_ name: String, is lowercase: String) -> Bool {
        // The usual case first: a name already in lower case (HTTP/2, and
        // `HTTPField.Name.canonicalName`) is one comparison of bytes.
        name == lowercase
            || name.utf8.count == lowercase.utf8.count
                && zip(name.utf8, lowercase.utf8).allSatisfy { lowercased($0) == $1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
