public import GraphQLEngine

/// How the gateway listens and what it allows: everything the HTTP layer
/// needs that is not a collaborator (the GraphQL service, the authenticator,
/// the readiness probe are passed to `Gateway` itself).
public struct GatewayConfiguration: Sendable, Equatable {
    /// Interface to bind (`HOST`, default `127.0.0.1`: a laptop's gateway is
    /// not reachable from the network unless asked; containers set `0.0.0.0`).
    public var host: String
    /// TCP port (`PORT`, default 8080; 0 picks a free one, for tests).
    public var port: Int
    public var limits: GatewayLimits
    /// The limits of subscriptions over WebSocket (`SubscriptionLimits`).
    public var subscriptions = SubscriptionLimits()
    /// The document limits `Gateway` holds every operation to (its
    /// `GraphQLService`). `fromEnvironment` sets their execution timeout to
    /// `limits.executionTimeout`, so the engine's cooperative deadline and the
    /// transport's backstop agree.
    public var queryLimits: QueryLimits
    /// Most parsed and checked documents kept (`DocumentCache`).
    public var documentCacheCapacity: Int
    /// Most automatic persisted queries kept (`SUPPORTCARR_APQ_MAX_ENTRIES`).
    public var persistedQueryCapacity: Int
    /// How long `/readyz` waits for the database's answer before calling it unready.
    public var readinessTimeout: Duration
    /// Whether a request without a valid API key may run operations that
    /// select only introspection (for GraphiQL and codegen on a laptop). Off
    /// by default; `serve` turns it on when `SUPPORTCARR_ENV=development`.
    public var allowsAnonymousIntrospection: Bool
    /// Whether `serve` mounts the playground at `/playground`
    /// (`SUPPORTCARR_PLAYGROUND`). It follows introspection unless set: a
    /// playground that cannot introspect cannot show the schema, and a
    /// production gateway need not advertise a console.
    public var servesPlayground: Bool
    /// Requests and estimated cost a minute per client, by role and for
    /// anonymous callers (`SUPPORTCARR_RATE_LIMIT_*`); on by default.
    public var rateLimits: RateLimits
    /// Who may read `/metrics` (`SUPPORTCARR_METRICS_TOKEN`). Not served by
    /// default; `fromEnvironment` opens it in development without a token.
    public var metricsAccess: MetricsAccess

    public static let defaultHost = "127.0.0.1"
    public static let defaultPort = 8080
    public static let defaultPersistedQueryCapacity = 1_000

    public init(
        host: String = defaultHost, port: Int = defaultPort, limits: GatewayLimits = GatewayLimits(),
        queryLimits: QueryLimits = QueryLimits(), documentCacheCapacity: Int = 1_000,
        persistedQueryCapacity: Int = defaultPersistedQueryCapacity, readinessTimeout: Duration = .seconds(2),
        allowsAnonymousIntrospection: Bool = false, servesPlayground: Bool = false,
        rateLimits: RateLimits = RateLimits(), metricsAccess: MetricsAccess = .disabled
    ) {
        self.rateLimits = rateLimits
        self.metricsAccess = metricsAccess
        self.allowsAnonymousIntrospection = allowsAnonymousIntrospection
        self.servesPlayground = servesPlayground
        self.host = host
        self.port = port
        self.limits = limits
        self.queryLimits = queryLimits
        self.documentCacheCapacity = documentCacheCapacity
        self.persistedQueryCapacity = persistedQueryCapacity
        self.readinessTimeout = readinessTimeout
    }
}
