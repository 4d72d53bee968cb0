/// A file of the browser playground served under `/playground`.
public struct PlaygroundAsset: Sendable {
    public var contentType: String
    public var bytes: [UInt8]
    /// A strong entity tag for these bytes, with its quotes (RFC 9110, section 8.8.3);
    /// when present, responses carry it as `ETag` and a matching `If-None-Match` gets 304.
    public var entityTag: String?

    public init(contentType: String, bytes: [UInt8], entityTag: String? = nil) {
        self.contentType = contentType
        self.bytes = bytes
        self.entityTag = entityTag
    }
}

/// Where the playground's files come from: the hook through which the
/// playground module (embedded `Playground/` files) plugs into the gateway
/// without the gateway depending on it. `GET /playground` asks for the path
/// `""` (the page); `GET /playground/app.js` asks for `"app.js"`.
public protocol PlaygroundAssets: Sendable {
    func asset(at path: String) -> PlaygroundAsset?
}
