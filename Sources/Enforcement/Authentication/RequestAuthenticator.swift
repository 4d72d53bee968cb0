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
}
