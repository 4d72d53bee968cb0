import MongoStore
import Security

/// THE seam between the transport and the security layer: turns a request's
/// credential headers (`Authorization`, `X-API-Key`: the HTTP server passes
/// no others) into the `AccessContext` its resolvers run with, or refuses it.
///
/// The HTTP server calls this once per request, before parsing the document's
/// variables or running anything: a refusal (`AuthenticationError`, answered as
/// `UNAUTHENTICATED`) reaches no resolver. Other errors (database unreachable)
/// are the server's, answered as an internal error.
public protocol RequestAuthenticator: Sendable {
    func authenticate(headers: [(name: String, value: String)], client: ClientInfo) async throws -> AccessContext

    /// `authenticate`, and with it the means to answer a later request that
    /// carries the very same credentials without checking them again, for as
    /// long as that answer is as current as checking would be
    /// (`Authentication.again`). The gateway keeps the last one per
    /// connection (a client sends its key with every request).
    func authenticateReusably(headers: [(name: String, value: String)], client: ClientInfo) async throws
        -> Authentication
}

extension RequestAuthenticator {
    /// No reuse: every request is checked.
    public func authenticateReusably(headers: [(name: String, value: String)], client: ClientInfo) async throws
        -> Authentication
    {
        Authentication(access: try await authenticate(headers: headers, client: client), again: nil)
    }
}

/// A request's caller (`access`), and how to give it again.
public struct Authentication: Sendable {
    public let access: AccessContext
    /// The caller for a later request with the same credentials (the caller
    /// of `again` compares them, in constant time), made for that request's
    /// `ClientInfo`; nil once the credentials must be checked again (past the
    /// staleness bound of what they were checked against). Nil itself: never.
    public let again: (@Sendable (ClientInfo) -> AccessContext?)?

    public init(access: AccessContext, again: (@Sendable (ClientInfo) -> AccessContext?)?) {
        self.access = access
        self.again = again
    }
}
