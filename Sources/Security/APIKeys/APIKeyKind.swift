/// The visible type of a key, its first characters: `sk_live_` for production
/// data, `sk_test_` for development and test deployments. Visible so that a
/// key pasted into the wrong place (or found by a secret scanner) tells at a
/// glance what it opens.
public enum APIKeyKind: String, Sendable, Hashable, CaseIterable {
    case live
    case test

    /// The text every key of this kind starts with.
    public var prefix: String { "sk_\(rawValue)_" }
}
