import Hummingbird

/// `GET /playground` and its files, when the gateway was given assets; `GET /`
/// then redirects to the playground.
///
/// Caching: the files' URLs carry no version, so every response says
/// `Cache-Control: no-cache` (a browser may keep a copy but revalidates it) with
/// the asset's `ETag`, and a request whose `If-None-Match` names the current tag
/// gets 304 without a body (RFC 9110, section 13.1.2). A new build with changed
/// files has new tags, so no browser runs an old script against a new gateway.
/// The page itself gets a content security policy: only its own scripts and
/// styles, no framing (it holds an API key), requests to any endpoint (the page's
/// `?endpoint=` may name another gateway).
enum PlaygroundRoutes {
    static func add(to router: Router<GatewayRequestContext>, assets: any PlaygroundAssets) {
        router.get("/") { _, _ -> Response in
            Response(status: .seeOther, headers: [.location: "/playground", .cacheControl: "no-cache"])
        }
        router.get("/playground") { request, _ -> Response in
            serve(assets.asset(at: ""), ifNoneMatch: request.headers[.ifNoneMatch])
        }
        router.get("/playground/**") { request, context -> Response in
            serve(
                assets.asset(at: context.parameters.getCatchAll().joined(separator: "/")),
                ifNoneMatch: request.headers[.ifNoneMatch])
        }
    }

    static let pageSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' *; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    static func serve(_ asset: PlaygroundAsset?, ifNoneMatch: String? = nil) -> Response {
        guard let asset else {
            return HealthRoutes.text("not found\n", status: .notFound)
        }
        var headers: HTTPFields = [
            .cacheControl: "no-cache",
            .xContentTypeOptions: "nosniff",
        ]
        if let tag = asset.entityTag { headers[.eTag] = tag }
        if asset.contentType.hasPrefix("text/html") {
            headers[.contentSecurityPolicy] = pageSecurityPolicy
        }
        if let tag = asset.entityTag, let ifNoneMatch, matches(ifNoneMatch, tag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }

    /// Whether an `If-None-Match` value (a list of entity tags, or `*`) names `tag`,
    /// compared weakly as RFC 9110, section 13.1.2 asks (a `W/` prefix is ignored).
    static func matches(_ ifNoneMatch: String, _ tag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { candidate in
            var candidate = candidate.drop { $0 == " " || $0 == "\t" }
            while candidate.last == " " || candidate.last == "\t" { candidate = candidate.dropLast() }
            if candidate == "*" { return true }
            if candidate.hasPrefix("W/") { candidate = candidate.dropFirst(2) }
            return candidate == tag[...]
        }
    }
}
