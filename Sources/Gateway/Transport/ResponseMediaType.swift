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
        guard let accept, !accept.trimmingWhitespace.isEmpty else { return .graphQLResponseJSON }
        var best: (type: ResponseMediaType, quality: Double)?
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";")
            guard let first = parts.first else { continue }
            let name = String(first).trimmingWhitespace.lowercased()
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                if pair.count == 2, String(pair[0]).trimmingWhitespace.lowercased() == "q" {
                    quality = Double(String(pair[1]).trimmingWhitespace) ?? 0
                }
            }
            guard quality > 0 else { continue }
            let type: ResponseMediaType
            switch name {
            case "application/graphql-response+json", "application/*", "*/*": type = .graphQLResponseJSON
            case "application/json": type = .json
            default: continue
            }
            if let current = best, quality <= current.quality { continue }
            best = (type, quality)
        }
        return best?.type
    }
}

/// Whether a POST body's `Content-Type` is one the gateway reads: JSON in
/// UTF-8 (https://graphql.github.io/graphql-over-http/draft/#sec-POST).
/// Anything else (`application/graphql`, forms, a missing header) is a 415.
enum RequestMediaType {
    static func isJSON(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let parts = contentType.split(separator: ";")
        guard let first = parts.first, String(first).trimmingWhitespace.lowercased() == "application/json" else {
            return false
        }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0]).trimmingWhitespace.lowercased() == "charset" else { continue }
            let charset = String(pair[1]).trimmingWhitespace.lowercased().replacingQuotes
            if charset != "utf-8" && charset != "utf8" { return false }
        }
        return true
    }
}

extension String {
    fileprivate var replacingQuotes: String { String(filter { $0 != "\"" }) }
}
