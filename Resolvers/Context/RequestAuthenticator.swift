public import MongoStore
public import Security

/// Where a request comes from, as the HTTP layer saw it: kept for audit logs of
/// personal-data reads and for request logs. Both values are client-controlled
/// text; they are recorded, never trusted.
public struct ClientInfo: Sendable, Hashable {
    /// The peer's address (or the first hop the deployment trusts).
    public var address: String?
    public var userAgent: String?

    public init(address: String? = nil, userAgent: String? = nil) {
        self.address = address
        self.userAgent = userAgent
    }
}

/// THE seam between the transport and the security layer: turns a request's
/// headers into the `RequestContext` its resolvers run with, or refuses it.
///
/// The HTTP server calls this once per request, before parsing the document's
/// variables or running anything: a refusal (`AuthenticationError`, answered as
/// `UNAUTHENTICATED`) reaches no resolver. Other errors (database unreachable)
/// are the server's, answered as an internal error.
public protocol RequestAuthenticator: Sendable {
    func authenticate(headers: [(name: String, value: String)], client: ClientInfo) async throws -> RequestContext
}

/// Authentication by API key (`Authorization: Bearer` or `X-API-Key`).
public struct APIKeyAuthenticator: RequestAuthenticator {
    public let database: MongoDatabase
    public let verifier: APIKeyVerifier

    public init(database: MongoDatabase, verifier: APIKeyVerifier) {
        self.database = database
        self.verifier = verifier
    }

    public func authenticate(headers: [(name: String, value: String)], client: ClientInfo) async throws -> RequestContext {
        let key = try await verifier.verify(headers: headers)
        return RequestContext(database: database, principal: .user(key.userId))
    }
}
