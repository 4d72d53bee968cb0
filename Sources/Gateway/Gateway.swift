public import GraphQLEngine
public import Hummingbird
public import Logging
public import Resolvers
public import ServiceLifecycle

/// The SupportCarr HTTP gateway: GraphQL over HTTP, persisted queries,
/// health, readiness and metrics on one Hummingbird router, run as a
/// ServiceLifecycle service.
///
/// ```swift
/// let gateway = Gateway(
///     configuration: try GatewayConfiguration.fromEnvironment(environment),
///     service: GatewayGraphQLService.make(schema: executable, limits: .production),
///     authenticator: APIKeyAuthenticator(database: database, verifier: verifier),
///     readiness: DatabaseReadiness(client: client),
///     requestExecutor: client.taskExecutor)
/// try await gateway.run(services: [DatabaseLifecycle(client: client)])  // until SIGTERM/SIGINT
/// ```
///
/// Layout: `HTTP/` (router, context, the `/graphql` endpoint), `Transport/`
/// (GraphQL-over-HTTP rules: media types, parameters, transport errors),
/// `PersistedQueries/` (APQ), `Health/` (`/healthz`, `/readyz`), `Metrics/`
/// (`/metrics`), `Logging/` (the request log line), `Configuration/`.
public struct Gateway: Sendable {
    public let configuration: GatewayConfiguration
    public let service: GraphQLService
    public let authenticator: any RequestAuthenticator
    public let readiness: any ReadinessProbe
    public let metrics: GatewayMetrics
    public let persistedQueries: PersistedQueryStore
    /// The playground's files; nil serves no `/playground` route.
    public let playground: (any PlaygroundAssets)?
    /// Where operations execute: the database client's `taskExecutor`, so each
    /// database call of an execution blocks the thread the execution is on
    /// instead of hopping to a database thread and back (two thread wake-ups
    /// per call); nil executes them on Swift's cooperative pool.
    public let requestExecutor: (any TaskExecutor)?
    public let logger: Logger

    public init(
        configuration: GatewayConfiguration, service: GraphQLService, authenticator: any RequestAuthenticator,
        readiness: any ReadinessProbe, playground: (any PlaygroundAssets)? = nil,
        requestExecutor: (any TaskExecutor)? = nil, metrics: GatewayMetrics = GatewayMetrics(),
        logger: Logger = Logger(label: "supportcarr.gateway")
    ) {
        self.configuration = configuration
        self.service = service
        self.authenticator = authenticator
        self.readiness = readiness
        self.playground = playground
        self.requestExecutor = requestExecutor
        self.metrics = metrics
        self.persistedQueries = PersistedQueryStore(maxEntries: configuration.persistedQueryCapacity)
        self.logger = logger
    }

    /// Every route of the gateway.
    public func makeRouter() -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: HTTPMetricsMiddleware(metrics: metrics))
        let endpoint = GraphQLEndpoint(
            service: service, authenticator: authenticator,
            persistedQueries: PersistedQueryResolver(store: persistedQueries), limits: configuration.limits,
            allowsAnonymousIntrospection: configuration.allowsAnonymousIntrospection,
            executor: requestExecutor, metrics: metrics, logger: logger)
        router.post("/graphql") { request, context -> Response in
            await endpoint.respond(to: request, context: context)
        }
        router.get("/graphql") { request, context -> Response in
            await endpoint.respond(to: request, context: context)
        }
        HealthRoutes.add(to: router, readiness: readiness)
        MetricsRoutes.add(to: router, metrics: metrics)
        if let playground { PlaygroundRoutes.add(to: router, assets: playground) }
        return router
    }

    /// The Hummingbird application, for running under a caller's own
    /// `ServiceGroup` or with HummingbirdTesting.
    ///
    /// - Parameter onServerRunning: called with the bound port once the
    ///   server listens (port 0 in the configuration picks a free one).
    public func makeApplication(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> Application<RouterResponder<GatewayRequestContext>> {
        Application(
            router: makeRouter(),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "supportcarr"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully: the server
    /// stops accepting connections, in-flight requests finish, and only then
    /// do `services` (listed before the server, so stopped after it: the
    /// database) shut down.
    public func run(
        services: [any Service] = [], onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) }
                    + [
                        ServiceGroupConfiguration.ServiceConfiguration(
                            service: makeApplication(onServerRunning: onServerRunning))
                    ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}
