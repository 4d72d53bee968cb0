/// The two media types a GraphQL response is served as
/// (https://graphql.github.io/graphql-over-http/draft/#sec-Media-Types).
///
/// They carry the same JSON; they differ in status codes. With
/// `application/graphql-response+json` a request that fails before execution
/// (unparsable, invalid, unknown persisted query) is a 4xx, so HTTP
/// intermediaries and clients can tell; with the legacy `application/json`
/// every well-formed request is a 200 and the errors are only in the body.
public enum ResponseMediaType: String, Sendable, Equatable {
    case graphQLResponseJSON = "application/graphql-response+json"
    case json = "application/json"

    /// The `Content-Type` header value.
    public var contentType: String { rawValue + "; charset=utf-8" }

    /// The media type to answer an `Accept` header with, or nil when the
    /// client accepts neither (answered 406).
    ///
    /// No header, an empty one, or a wildcard means the current default,
    /// `application/graphql-response+json` (the spec's watershed of
    /// 2025-01-01 has passed). Among the accepted types the highest `q` wins,
    /// and on equal `q` the one listed first.
    public static func negotiate(accept: String?) -> ResponseMediaType? {
        guard let accept else { return .graphQLResponseJSON }
        return HeaderValue.withBytes(of: accept) { bytes in
            guard !HeaderValue.trimmed(bytes).isEmpty else { return .graphQLResponseJSON }
            var best: (type: ResponseMediaType, quality: Double)?
            HeaderValue.forEachPiece(of: bytes, separatedBy: UInt8(ascii: ",")) { range in
                let name = HeaderValue.firstPiece(of: range, separatedBy: UInt8(ascii: ";"))
                let type: ResponseMediaType
                if HeaderValue.equalsIgnoringCase(name, "application/graphql-response+json")
                    || HeaderValue.equalsIgnoringCase(name, "application/*")
                    || HeaderValue.equalsIgnoringCase(name, "*/*")
                {
                    type = .graphQLResponseJSON
                } else if HeaderValue.equalsIgnoringCase(name, "application/json") {
                    type = .json
                } else {
                    return
                }
                var quality = 1.0
                if name.endIndex < range.endIndex,
                    let q = HeaderValue.parameter("q", in: range[(name.endIndex + 1)...])
                {
                    quality = Double(String(decoding: q, as: UTF8.self)) ?? 0
                }
                guard quality > 0 else { return }
                if let current = best, quality <= current.quality { return }
                best = (type, quality)
            }
            return best?.type
        }
    }
}

/// Whether a POST body's `Content-Type` is one the gateway reads: JSON in
/// UTF-8 (https://graphql.github.io/graphql-over-http/draft/#sec-POST).
/// Anything else (`application/graphql`, forms, a missing header) is a 415.
enum RequestMediaType {
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        return HeaderValue.withBytes(of: contentType) { bytes in
            let name = HeaderValue.firstPiece(of: bytes, separatedBy: UInt8(ascii: ";"))
            guard HeaderValue.equalsIgnoringCase(name, "application/json") else { return false }
            guard name.endIndex < bytes.endIndex,
                let charset = HeaderValue.parameter("charset", in: bytes[(name.endIndex + 1)...])
            else { return true }
            return HeaderValue.equalsIgnoringCase(charset, "utf-8") || HeaderValue.equalsIgnoringCase(charset, "utf8")
        }
    }
}
