/// Why a request is not authenticated. One case on purpose: an unknown,
/// revoked, expired or malformed key, a missing key and a malformed header all
/// get the same error and message, so a client learns nothing about which keys
/// or prefixes exist. The server maps it to `extensions.code: "UNAUTHENTICATED"`.
public enum AuthenticationError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidKey

    /// The message served to the client.
    public static let message = "Invalid or missing API key"

    /// The `extensions.code` of the GraphQL error.
    public static let code = "UNAUTHENTICATED"

    public var description: String { Self.message }
}
