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
        var bearer: [String] = []
        var apiKey: [String] = []
        for (name, value) in headers {
            switch name.lowercased() {
            case "authorization": bearer.append(value)
            case "x-api-key": apiKey.append(value)
            default: continue
            }
        }
        guard bearer.count <= 1, apiKey.count <= 1 else { throw .invalidKey }
        var found: String?
        if let value = bearer.first {
            found = try bearerToken(value)
        }
        if let value = apiKey.first {
            let key = value.trimmingSpaces
            guard !key.isEmpty, !key.contains(" ") else { throw .invalidKey }
            if let found, found != key { throw .invalidKey }
            found = key
        }
        return found
    }

    /// The token of `Bearer <token>`.
    static func bearerToken(_ value: String) throws(AuthenticationError) -> String {
        let trimmed = value.trimmingSpaces
        let parts = trimmed.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw .invalidKey }
        return String(parts[1])
    }
}
