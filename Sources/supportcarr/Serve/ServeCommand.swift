import ArgumentParser
import CoreMetrics
import Enforcement
import Foundation
import Gateway
import GraphQLEngine
import Logging
import MongoStore
import Resolvers
import Security
import ServiceLifecycle
import SupportCarrData

/// `supportcarr serve`: the GraphQL gateway over HTTP until SIGTERM/SIGINT.
///
/// Configuration comes from the environment (`README.md`, "Configuration") and
/// each flag overrides its variable. Every setting is read and checked before
/// anything starts; the first bad or missing one stops start-up with one line
/// naming it.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the GraphQL gateway (POST/GET /graphql, /playground, /healthz, /readyz, /metrics).",
        discussion: """
            Environment: MONGODB_URI (required), SUPPORTCARR_DB, SUPPORTCARR_ENV (development or \
            production, default production), HOST, PORT, SUPPORTCARR_MAX_BODY_BYTES, \
            SUPPORTCARR_EXECUTION_TIMEOUT_MS, SUPPORTCARR_MAX_BATCH, SUPPORTCARR_APQ_MAX_ENTRIES, \
            SUPPORTCARR_INTROSPECTION, SUPPORTCARR_MAX_TOKENS, SUPPORTCARR_MAX_DEPTH, SUPPORTCARR_MAX_NESTING, \
            SUPPORTCARR_MAX_ALIASES, SUPPORTCARR_MAX_DIRECTIVES, SUPPORTCARR_MAX_COST, SUPPORTCARR_MAX_PAGE_SIZE, \
            SUPPORTCARR_MAX_URI_BYTES, SUPPORTCARR_IDLE_TIMEOUT_MS, SUPPORTCARR_READ_TIMEOUT_MS, \
            SUPPORTCARR_RATE_LIMIT_RIDER, _DRIVER, _SUPPORT, _ADMIN, _ANONYMOUS (REQUESTS/COST a minute, or off), \
            SUPPORTCARR_RATE_LIMIT_MAX_CLIENTS, SUPPORTCARR_METRICS_TOKEN, \
            SUPPORTCARR_SCHEMA, SUPPORTCARR_API_KEY_PEPPER, SUPPORTCARR_ENCRYPTION_KEYS, ENCRYPTION_KEY, \
            SUPPORTCARR_BLIND_INDEX_KEY, SUPPORTCARR_LEGACY_CIPHERTEXTS, STRIPE_WEBHOOK_SECRET, \
            TWILIO_AUTH_TOKEN, SUPPORTCARR_PUBLIC_URL. Flags override the environment.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Interface to listen on (default: $HOST, else 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (default: $PORT, else 8080).") var port: Int?
    @Option(
        name: .customLong("max-body-bytes"),
        help: "Largest request body (default: $SUPPORTCARR_MAX_BODY_BYTES, else 1 MiB).")
    var maxBodyBytes: Int?
    @Option(
        name: .customLong("execution-timeout-ms"),
        help: "Execution time limit (default: $SUPPORTCARR_EXECUTION_TIMEOUT_MS, else 10000).")
    var executionTimeoutMS: Int?
    @Option(
        name: .customLong("max-batch"),
        help: "Operations per batched request, 0 = off (default: $SUPPORTCARR_MAX_BATCH, else 0).")
    var maxBatch: Int?
    @Option(help: "Schema file (default: $SUPPORTCARR_SCHEMA, else ./Schema.graphql).") var schema: String?

    func run() async throws {
        let logLevel = try Self.logLevel(ProcessInfo.processInfo.environment["SUPPORTCARR_LOG_LEVEL"])
        let json = try Self.logsJSON(ProcessInfo.processInfo.environment["SUPPORTCARR_LOG_FORMAT"])
        BufferedLogOutput.shared.startFlushing()
        defer { BufferedLogOutput.shared.flush() }
        // Every line logged while a traced request runs carries its trace_id and span_id.
        LoggingSystem.bootstrap(
            { label, provider in
                if json {
                    var handler = JSONLogHandler(label: label)
                    handler.logLevel = logLevel
                    handler.metadataProvider = provider
                    return handler
                }
                var handler = LevelFlushingLogHandler(label: label)
                handler.logLevel = logLevel
                handler.metadataProvider = provider
                return handler
            }, metadataProvider: .traceContext)
        let environment = overriddenEnvironment(ProcessInfo.processInfo.environment)
        let tracing: TracingConfiguration?
        do { tracing = try TracingConfiguration.fromEnvironment(environment) } catch {
            throw ConfigurationProblem(error.description)
        }
        let settings = try ServeSettings.read(environment: environment, schemaFlag: schema, database: database)
        let logger = Logger(label: "supportcarr.gateway")
        let webhookSettings: WebhookSettings
        do throws(ConfigurationError) {
            webhookSettings = try WebhookSettings.fromEnvironment(environment)
        } catch {
            throw ConfigurationProblem(error.description)
        }

        let client: MongoClient
        do {
            // The socket outwaits the execution timeout unless the URI says otherwise.
            client = try MongoClient(
                MongoClientConfiguration(
                    uri: settings.uri, longestOperation: settings.gateway.limits.executionTimeout))
            try await client.ping()
        } catch {
            throw ConfigurationProblem("MONGODB_URI: cannot reach MongoDB (\(error.debugDescription))")
        }
        let db = client.database(settings.databaseName)
        // Unset in production, the legacy format is refused once a complete
        // `keys rotate` left no legacy value (its `keys.rotate` audit entry says so).
        var lastRotation: KeyRotationRecord?
        if settings.legacyCiphertexts == nil && settings.deployment == .production {
            do throws(MongoError) {
                lastRotation = try await KeyRotationRecord.latest(in: db)
            } catch {
                throw ConfigurationProblem(
                    "\(LegacyCiphertexts.variable): unset, and the last keys rotate could not be read (\(error.debugDescription))"
                )
            }
        }
        let legacy = settings.legacyCiphertexts(lastRotation: lastRotation)
        if settings.keyRing.hasLegacyKey {
            logger.info(
                "legacy ciphertexts (ivHex:authTagHex:cipherHex): \(legacy.rawValue)\(settings.legacyCiphertexts == nil ? " (\(LegacyCiphertexts.variable) unset)" : "")"
            )
        }
        // Reads of personal data by support and admin keys (and their writes to
        // other users' data), written off the request path; in production what
        // cannot be recorded is refused rather than served.
        let audit = PersonalDataAuditRecorder(database: db)
        // One registry for the process: /metrics renders it, and swift-metrics'
        // global system points at it (once per process, before anything makes
        // a metric) for any library that emits through it.
        let metrics = GatewayMetrics(audit: audit)
        MetricsSystem.bootstrap(metrics.factory)
        let exporter = tracing.map { OTLPExporter(configuration: $0, metrics: metrics, logger: logger) }
        if let tracing {
            logger.info(
                "exporting traces to http://\(tracing.host):\(tracing.port)\(tracing.path) (\(tracing.protocol.rawValue)) as \(tracing.serviceName)"
            )
        }
        let locator = try DriverLocatorService.makeLocator(settings: settings)
        let hub = try SubscriptionHubService.makeHub(settings: settings)
        let schema = try settings.makeSchema(
            security: FieldSecurity(
                cipher: FieldCipher(keyRing: settings.keyRing, legacy: legacy), audit: audit,
                requiresAudit: settings.deployment == .production, blindIndex: settings.blindIndex),
            locator: locator, hub: hub)
        let repository = APIKeyRepository(database: db, hasher: settings.hasher)
        let usage = repository.usageRecorder()
        // Keys are read once per prefix and lifetime (revocation takes effect within it).
        let verifier = APIKeyVerifier(
            store: CachedAPIKeyStore(base: repository, metrics: metrics.factory), hasher: settings.hasher,
            acceptedKinds: settings.deployment == .production ? [.live] : Set(APIKeyKind.allCases), usage: usage)
        let gateway = Gateway(
            configuration: settings.gateway,
            schema: schema,
            authenticator: APIKeyAuthenticator(database: db, verifier: verifier),
            // Not ready until the driver locator's first load is done; it stays
            // ready through the locator's later breaks (nearbyDrivers asks the
            // database meanwhile), so a change-stream hiccup shared by every
            // gateway cannot take them all out of the load balancer.
            readiness: AllReadiness([
                DatabaseReadiness(client: client, timeout: settings.gateway.readinessTimeout),
                ReadinessCondition(reason: "driver locator loading") { locator.hasLoaded },
            ]),
            playground: settings.gateway.servesPlayground ? EmbeddedPlayground() : nil,
            requestExecutor: client.taskExecutor, metrics: metrics, logger: logger,
            // The gateway verifies the senders' signatures; SupportCarrData's recorders write.
            webhooks: Webhooks(
                settings: webhookSettings, stripe: StripeEventRecorder(database: db),
                twilio: TwilioStatusRecorder(database: db)),
            servesSubscriptions: true, exporter: exporter)
        let (host, deployment, playground, metricsAccess) = (
            settings.gateway.host, settings.deployment, settings.gateway.servesPlayground,
            settings.gateway.metricsAccess
        )
        let recorders = [UsageRecorderService(recorder: usage), AuditRecorderService(recorder: audit)] as [any Service]
        // Shut down in reverse order after the server has drained: the
        // recorders flush, the locator closes its change stream, then the pool goes.
        let services: [any Service] = [
            DatabaseLifecycle(client: client), DriverLocatorService(locator: locator), SubscriptionHubService(hub: hub),
        ]
        // The background services' database commands (the locator's, the
        // recorders') count in /metrics too.
        try await CommandInstrumentation.$current.withValue(gateway.commandInstrumentation) {
            try await gateway.run(services: services + recorders) {
                port in
                logger.info("serving GraphQL at http://\(host):\(port)/graphql (\(deployment.rawValue))")
                if playground { logger.info("playground at http://\(host):\(port)/playground") }
                if metricsAccess == .disabled { logger.info("/metrics is not served: set SUPPORTCARR_METRICS_TOKEN") }
                for notice in webhookSettings.startupNotices { logger.warning("\(notice)") }
            }
        }
        logger.info("stopped")
    }

    /// `SUPPORTCARR_LOG_LEVEL`: `trace`, `debug`, `info` (the default, one
    /// line per request), `notice`, `warning`, `error` or `critical`.
    static func logLevel(_ text: String?) throws -> Logger.Level {
        guard let text, !text.isEmpty else { return .info }
        guard let level = Logger.Level(rawValue: text.lowercased()) else {
            let names = Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigurationProblem("SUPPORTCARR_LOG_LEVEL: \"\(text)\" is not one of \(names)")
        }
        return level
    }

    /// `SUPPORTCARR_LOG_FORMAT`: `text` (swift-log's, the default) or `json`
    /// (one object per line); true for JSON.
    static func logsJSON(_ text: String?) throws -> Bool {
        switch text?.lowercased() {
        case nil, "", "text": return false
        case "json": return true
        case let other?: throw ConfigurationProblem("SUPPORTCARR_LOG_FORMAT: \"\(other)\" is not text or json")
        }
    }

    /// The process environment with each given flag written over its variable.
    func overriddenEnvironment(_ base: [String: String]) -> [String: String] {
        var environment = base
        typealias V = GatewayConfiguration.Variable
        if let host { environment[V.host] = host }
        if let port { environment[V.port] = String(port) }
        if let maxBodyBytes { environment[V.maxBodyBytes] = String(maxBodyBytes) }
        if let executionTimeoutMS { environment[V.executionTimeoutMS] = String(executionTimeoutMS) }
        if let maxBatch { environment[V.maxBatchSize] = String(maxBatch) }
        return environment
    }
}

/// Flushes API key usage counts while serving, and once more on shutdown.
struct UsageRecorderService: Service {
    let recorder: APIKeyUsageRecorder

    func run() async throws {
        await cancelWhenGracefulShutdown { await recorder.run() }
        await recorder.flush()
    }
}

/// Writes PII read audit entries while serving, and the rest on shutdown.
struct AuditRecorderService: Service {
    let recorder: PersonalDataAuditRecorder

    func run() async throws {
        await cancelWhenGracefulShutdown { await recorder.run() }
        await recorder.flush()
    }
}
