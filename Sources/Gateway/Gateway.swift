public import Enforcement
public import GraphQLEngine
public import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
public import Logging
public import MongoStore
import NIOCore
public import ServiceLifecycle

/// The SupportCarr HTTP gateway: GraphQL over HTTP, persisted queries,
/// health, readiness and metrics on one Hummingbird router, run as a
/// ServiceLifecycle service.
///
/// ```swift
/// let gateway = Gateway(
///     configuration: try GatewayConfiguration.fromEnvironment(environment),
///     schema: executable,
///     authenticator: APIKeyAuthenticator(database: database, verifier: verifier),
///     readiness: DatabaseReadiness(client: client),
///     requestExecutor: client.taskExecutor)
/// try await gateway.run(services: [DatabaseLifecycle(client: client)])  // until SIGTERM/SIGINT
/// ```
///
/// Layout: `HTTP/` (the router's context, the `/graphql` handler, the
/// playground), `Middleware/` (the `/graphql` chain: request log and metrics,
/// transport checks, authentication), `Transport/` (GraphQL-over-HTTP rules:
/// media types, parameters, the error codes and their statuses),
/// `PersistedQueries/` (APQ), `Health/` (`/healthz`, `/readyz`), `Metrics/`
/// (`/metrics`), `Logging/` (the request record and its log line),
/// `Configuration/`.
public struct Gateway: Sendable {
    public let configuration: GatewayConfiguration
    /// The engine's pipeline for the schema, held to `configuration.queryLimits`.
    public let service: GraphQLService
    public let authenticator: any RequestAuthenticator
    public let readiness: any ReadinessProbe
    public let metrics: GatewayMetrics
    /// What measures the database commands of this gateway's requests (into
    /// `metrics`, and as spans when tracing is on); `serve` also binds it
    /// around the background services, whose commands count too.
    public let commandInstrumentation: CommandInstrumentation
    /// The tracer when tracing is on (`TracingConfiguration`): a span per
    /// request, per engine stage and level, per database command; nil
    /// installs none of it.
    public let tracer: OTLPTracer?
    /// Sends the tracer's spans; `run` runs it beside the server.
    public let exporter: OTLPExporter?
    /// The rate-limit counters (`configuration.rateLimits`), per process.
    public let rateLimiter: RateLimiter
    public let persistedQueries: PersistedQueryStore
    /// The playground's files; nil serves no `/playground` route.
    public let playground: (any PlaygroundAssets)?
    /// Where operations execute: the database client's `taskExecutor`, so each
    /// database call of an execution blocks the thread the execution is on
    /// instead of hopping to a database thread and back (two thread wake-ups
    /// per call); nil executes them on Swift's cooperative pool.
    public let requestExecutor: (any TaskExecutor)?
    public let logger: Logger
    /// `POST /webhooks/stripe` and `/webhooks/twilio`; nil mounts neither.
    public let webhooks: Webhooks?
    /// Whether `/graphql` also accepts WebSocket upgrades for subscriptions
    /// (`graphql-transport-ws`, `Subscriptions/`).
    public let servesSubscriptions: Bool
    /// The bounded queue in front of execution (`GatewayLimits.maxConcurrentExecutions`,
    /// `maxQueuedExecutions`).
    let executionGate: ExecutionGate

    /// - Parameters:
    ///   - schema: what `/graphql` serves; the gateway runs it through a
    ///     `GraphQLService` held to `configuration.queryLimits`.
    ///   - authenticator: turns a request's credentials into its access context.
    public init(
        configuration: GatewayConfiguration, schema: ExecutableSchema, authenticator: any RequestAuthenticator,
        readiness: any ReadinessProbe, playground: (any PlaygroundAssets)? = nil,
        requestExecutor: (any TaskExecutor)? = nil, metrics: GatewayMetrics = GatewayMetrics(),
        logger: Logger = Logger(label: "supportcarr.gateway"), webhooks: Webhooks? = nil,
        servesSubscriptions: Bool = false, exporter: OTLPExporter? = nil
    ) {
        let tracer = exporter.map(OTLPTracer.init)
        self.tracer = tracer
        self.exporter = exporter
        self.webhooks = webhooks
        self.servesSubscriptions = servesSubscriptions
        self.configuration = configuration
        // The engine's validation and the document limits, checked once per
        // document text before any resolver, their verdict cached with it.
        self.service = GraphQLService(
            schema: schema, validator: { validate(schema: $0, document: $1, suggestions: $2) },
            cache: DocumentCache(maxEntries: configuration.documentCacheCapacity), limits: configuration.queryLimits,
            instrumentation: tracer.map { TracingInstrumentation(tracer: $0) })
        self.authenticator = authenticator
        self.readiness = readiness
        self.playground = playground
        self.requestExecutor = requestExecutor
        self.metrics = metrics
        self.commandInstrumentation = CommandInstrumentation(metrics: metrics.factory, tracer: tracer)
        self.rateLimiter = RateLimiter(maxClients: configuration.rateLimits.maxClients)
        self.persistedQueries = PersistedQueryStore(maxEntries: configuration.persistedQueryCapacity)
        self.logger = logger
        self.executionGate = ExecutionGate(
            maxRunning: configuration.limits.maxConcurrentExecutions,
            maxQueued: configuration.limits.maxQueuedExecutions)
    }

    /// Every route of the gateway. `/graphql` runs through, outermost first:
    /// the request log and metrics, the transport checks (media types, URI
    /// length, method, declared size), authentication, the rate limit's
    /// request bucket, then the handler.
    public func makeRouter() -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        if let tracer { router.add(middleware: TracingMiddleware(tracer: tracer)) }
        router.add(middleware: HTTPMetricsMiddleware(metrics: metrics, instrumentation: commandInstrumentation))
        let endpoint = GraphQLEndpoint(
            service: service, persistedQueries: PersistedQueryResolver(store: persistedQueries, metrics: metrics),
            limits: configuration.limits, executor: requestExecutor,
            gate: executionGate)
        // GET and POST are served; the other methods reach the transport
        // middleware only to be answered 405 with `Allow: GET, POST`.
        let graphQL = router.group("/graphql")
            .add(middleware: RequestLogMiddleware(metrics: metrics, logger: logger))
            .add(middleware: GraphQLTransportMiddleware(limits: configuration.limits))
            .add(
                middleware: AuthenticationMiddleware(
                    authenticator: authenticator,
                    allowsAnonymousIntrospection: configuration.allowsAnonymousIntrospection, logger: logger)
            )
            .add(middleware: RateLimitMiddleware(limiter: rateLimiter, limits: configuration.rateLimits))
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            graphQL.on("", method: method) { request, context in await endpoint.respond(to: request, context: context) }
        }
        HealthRoutes.add(to: router, readiness: readiness)
        MetricsRoutes.add(
            to: router, metrics: metrics, documentCache: service.cache, access: configuration.metricsAccess)
        if let playground { PlaygroundRoutes.add(to: router, assets: playground) }
        if let webhooks { WebhookRoutes.add(to: router, webhooks: webhooks, logger: logger) }
        return router
    }
    /// The Hummingbird application, for running under a caller's own
    /// `ServiceGroup` or with HummingbirdTesting.
    ///
    /// Each HTTP/1 connection closes when nothing has arrived for
    /// `limits.idleTimeout` (Hummingbird's idle timeout, which also bounds
    /// how long a request's head may take), and `ConnectionGuard` closes it
    /// when a request takes longer than `limits.readTimeout` to arrive, or
    /// once a response saying `Connection: close` (a 413), or answering a
    /// request that asked for it, is written.
    ///
    /// - Parameter onServerRunning: called with the bound port once the
    ///   server listens (port 0 in the configuration picks a free one).
    public func makeApplication(
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> Application<RouterResponder<GatewayRequestContext>> {
        let limits = configuration.limits
        let readTimeout = TimeAmount(limits.readTimeout)
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionGuard(readTimeout: readTimeout)],
            idleTimeout: TimeAmount(limits.idleTimeout))
        return Application(
            router: makeRouter(),
            server: servesSubscriptions
                ? makeUpgradableServer(http1: http1)
                : HTTPServerBuilder { EventLoopBoundChannel(base: HTTP1Channel(responder: $0, configuration: http1)) },
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "supportcarr"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    /// The HTTP/1 server that also upgrades `/graphql` to the subscriptions'
    /// WebSocket: frames up to the body limit, a WebSocket ping every
    /// keep-alive period (a peer that does not answer by the next is
    /// disconnected), and the idle timeout applied to the first request too
    /// (`UpgradableHTTPChannel`).
    func makeUpgradableServer(http1: HTTP1Channel.Configuration) -> HTTPServerBuilder {
        let server = SubscriptionServer(
            service: service, authenticator: authenticator,
            persistedQueries: PersistedQueryResolver(store: persistedQueries, metrics: metrics),
            limits: configuration.subscriptions,
            gatewayLimits: configuration.limits, rateLimits: configuration.rateLimits, rateLimiter: rateLimiter,
            executor: requestExecutor, gate: executionGate, connectionsPerKey: KeyConnectionCounter(),
            metrics: metrics.subscriptions, logger: logger)
        let responder = SubscriptionRoutes.router(server: server).buildResponder()
        let webSocket = WebSocketServerConfiguration(
            maxFrameSize: configuration.limits.maxBodyBytes,
            autoPing: .enabled(timePeriod: configuration.subscriptions.keepAlive))
        let firstRequestTimeout = TimeAmount(configuration.limits.idleTimeout)
        return HTTPServerBuilder { httpResponder in
            EventLoopBoundChannel(
                base: UpgradableHTTPChannel(
                    base: HTTP1WebSocketUpgradeChannel(
                        responder: httpResponder, webSocketResponder: responder,
                        configuration: .init(http1: http1, ws: webSocket)),
                    firstRequestTimeout: firstRequestTimeout))
        }
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
                // The exporter first, so it stops last: after the server has
                // drained, with the last requests' spans to send.
                services: ((exporter.map { [$0 as any Service] } ?? []) + services).map {
                    ServiceGroupConfiguration.ServiceConfiguration(service: $0)
                }
                    + [
                        ServiceGroupConfiguration.ServiceConfiguration(
                            service: makeApplication(onServerRunning: onServerRunning))
                    ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}
