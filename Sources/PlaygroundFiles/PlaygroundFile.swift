/// One embedded playground file: its bytes, the media type to serve it with, and
/// an entity tag computed from the bytes at build time.
public struct PlaygroundFile: Sendable, Equatable {
    /// The path relative to `Playground/`, e.g. `"js/main.js"`.
    public let path: String
    /// The file's bytes, exactly as in the checkout.
    public let bytes: [UInt8]
    /// The `Content-Type` value, e.g. `"text/javascript; charset=utf-8"`.
    public let contentType: String
    /// A strong entity tag with its quotes (RFC 9110, section 8.8.3), e.g. `"\"0123abcd0123abcd\""`.
    public let entityTag: String
}
