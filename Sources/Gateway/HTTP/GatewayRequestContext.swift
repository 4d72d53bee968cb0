public import Enforcement
public import Hummingbird

/// The per-request context of the gateway's router: Hummingbird's core
/// storage, the peer's address (for audit logs of personal-data reads), and
/// what the `/graphql` middleware found out for the handler: the response's
/// media type (`GraphQLTransportMiddleware`), who is asking
/// (`AuthenticationMiddleware`) and its rate-limit account (`RateLimitMiddleware`).
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer's IP address, as the socket saw it.
    public let remoteAddress: String?
    /// The media type the response is written in (negotiated from `Accept`).
    public var mediaType: ResponseMediaType = .graphQLResponseJSON
    /// Who the request runs as; `.unauthenticated` until the authentication
    /// middleware has run (the GraphQL handler refuses it then).
    public var identity: RequestIdentity = .unauthenticated
    /// The request's account with the rate limiter (`RateLimitMiddleware`);
    /// nil when its client is not limited.
    var rateLimit: RateLimitTicket?
    /// What the request did, filled in by the handler and written once by
    /// the request-log middleware. A reference: the middleware and the
    /// handler hold copies of the context, and see the same record.
    let record = RequestRecord()

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}

/// Who a GraphQL request runs as.
public enum RequestIdentity: Sendable {
    /// No authentication has run.
    case unauthenticated
    /// A request without a valid key that may run introspection-only
    /// operations (development): nothing of the application runs for it.
    case anonymous
    /// An authenticated caller, with what its resolvers may reach.
    case caller(AccessContext)
}
