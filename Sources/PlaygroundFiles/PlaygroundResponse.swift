/// What to answer to a `GET` for a playground path, independent of the HTTP server:
/// the status, the headers and the body. The gateway copies these onto its response.
public struct PlaygroundResponse: Sendable, Equatable {
    /// 200 with the file, or 304 (no body) when the client's cached copy is current.
    public let status: Int
    /// Header names and values, in order.
    public let headers: [(name: String, value: String)]
    /// The file's bytes for 200; empty for 304.
    public let body: [UInt8]

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body
            && lhs.headers.map { [$0.name, $0.value] } == rhs.headers.map { [$0.name, $0.value] }
    }

    /// The first value of header `name` (case-insensitive), if any.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

extension PlaygroundFiles {
    /// The response to `GET /playground/<path>` (`path` relative to `Playground/`;
    /// empty for `/playground` itself, which serves `index.html`), or `nil` when no
    /// such file is embedded (the caller answers 404).
    ///
    /// Caching: the URLs carry no version, so every response says `no-cache` (a
    /// browser may keep the file but must revalidate) with a strong `ETag`; a
    /// request whose `If-None-Match` names the current tag gets 304 and no body
    /// (RFC 9110, section 13.1.2). A new build with changed files changes the tags,
    /// so nobody runs yesterday's JavaScript against today's gateway.
    public static func response(forPath path: String, ifNoneMatch: String? = nil) -> PlaygroundResponse? {
        var relative = Substring(path)
        while relative.hasPrefix("/") { relative = relative.dropFirst() }
        guard let asset = asset(path: relative.isEmpty ? indexPath : String(relative)) else { return nil }

        var headers: [(name: String, value: String)] = [
            ("Content-Type", asset.contentType),
            ("Cache-Control", "no-cache"),
            ("ETag", asset.entityTag),
            ("X-Content-Type-Options", "nosniff"),
        ]
        if asset.contentType.hasPrefix("text/html") {
            headers.append(("Content-Security-Policy", pageSecurityPolicy))
            headers.append(("Referrer-Policy", "no-referrer"))
            headers.append(("X-Frame-Options", "DENY"))
        }
        if let ifNoneMatch, matches(ifNoneMatch, asset.entityTag) {
            return PlaygroundResponse(status: 304, headers: headers.filter { $0.name != "Content-Type" }, body: [])
        }
        return PlaygroundResponse(status: 200, headers: headers, body: asset.bytes)
    }

    /// The page's own code only, from this origin; it may POST to any endpoint
    /// (`?endpoint=` can name another gateway), and nothing may frame it, since it
    /// holds an API key.
    static let pageSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src *; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// Whether an `If-None-Match` value (a list of tags, or `*`) names `tag`, compared
    /// weakly as RFC 9110, section 13.1.2 asks (a `W/` prefix is ignored).
    static func matches(_ ifNoneMatch: String, _ tag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { candidate in
            var candidate = candidate.trimmingSpaces()
            if candidate == "*" { return true }
            if candidate.hasPrefix("W/") { candidate = candidate.dropFirst(2) }
            return candidate == tag[...]
        }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var result = self
        while result.first == " " || result.first == "\t" { result = result.dropFirst() }
        while result.last == " " || result.last == "\t" { result = result.dropLast() }
        return result
    }
}
