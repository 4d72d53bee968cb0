/// A file of the browser playground served under `/playground`.
public struct PlaygroundAsset: Sendable {
    public var contentType: String
    public var bytes: [UInt8]

    public init(contentType: String, bytes: [UInt8]) {
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// Where the playground's files come from: the hook through which the
/// playground module (embedded `Playground/` files) plugs into the gateway
/// without the gateway depending on it. `GET /playground` asks for the path
/// `""` (the page); `GET /playground/app.js` asks for `"app.js"`.
public protocol PlaygroundAssets: Sendable {
    func asset(at path: String) -> PlaygroundAsset?
}
