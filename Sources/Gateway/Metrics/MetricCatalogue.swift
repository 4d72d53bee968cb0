import Enforcement
import MongoStore
import Security

/// Every metric family `/metrics` can show: its name, type, help text and,
/// for a histogram, its buckets. One table, so that the families the gateway
/// registers itself and those the lower layers make through swift-metrics
/// (`RegistryMetricsFactory`) get the same help text and buckets: the
/// Prometheus registry refuses one name registered twice with different help
/// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format
/// allows one HELP and one TYPE line per family). `README.md`, "Metrics",
/// lists the same table for operators.
enum MetricCatalogue {
    enum Kind: Sendable {
        case counter
        case gauge
        /// Observations in seconds (swift-metrics `Timer`).
        case durationHistogram([Duration])
        /// Plain numbers (swift-metrics `Recorder`).
        case valueHistogram([Double])
    }

    struct Family: Sendable {
        let name: String
        let kind: Kind
        let help: String
    }

    static let requestDurationBuckets: [Duration] = [
        .milliseconds(1), .microseconds(2_500), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2_500), .seconds(5), .seconds(10),
    ]
    static let commandDurationBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .microseconds(2_500), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10),
    ]
    static let countBuckets: [Double] = [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64]
    static let batchKeyBuckets: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000]

    static let requests = Family(
        name: "supportcarr_graphql_requests_total", kind: .counter,
        help: "GraphQL operations by operation name and outcome.")
    static let requestDuration = Family(
        name: "supportcarr_graphql_request_duration_seconds", kind: .durationHistogram(requestDurationBuckets),
        help: "Time from request to response of a GraphQL operation.")
    static let roundTrips = Family(
        name: "supportcarr_graphql_db_round_trips", kind: .valueHistogram(countBuckets),
        help: "Database operations sent per GraphQL operation.")
    static let loaderBatches = Family(
        name: "supportcarr_graphql_loader_batches", kind: .valueHistogram(countBuckets),
        help: "Batched loader queries per GraphQL operation.")
    static let loaderBatchKeys = Family(
        name: "supportcarr_graphql_loader_batch_keys", kind: .valueHistogram(batchKeyBuckets),
        help: "Keys per batched loader query (the size of one $in).")
    static let errors = Family(
        name: "supportcarr_graphql_errors_total", kind: .counter, help: "GraphQL errors answered, by extensions.code.")
    static let http = Family(
        name: "supportcarr_http_requests_total", kind: .counter, help: "HTTP requests by route and status.")
    static let rateLimited = Family(
        name: "supportcarr_rate_limited_total", kind: .counter,
        help: "Requests and operations refused by the rate limit, by policy.")
    static let cacheLookups = Family(
        name: CachedAPIKeyStore.lookupsMetric, kind: .counter,
        help: "Cache lookups by cache (document, persisted_query, api_key) and result (hit, miss).")
    static let activeSubscriptions = Family(
        name: "supportcarr_graphql_subscriptions_active", kind: .gauge,
        help: "GraphQL subscriptions open now.")
    static let subscriptionConnections = Family(
        name: "supportcarr_graphql_subscription_connections", kind: .gauge,
        help: "GraphQL WebSocket connections (graphql-transport-ws) open now.")
    static let subscriptionEvents = Family(
        name: "supportcarr_graphql_subscription_events_total", kind: .counter,
        help: "Subscription events sent (next messages).")
    static let subscriptionEventsSkipped = Family(
        name: "supportcarr_graphql_subscription_events_skipped_total", kind: .counter,
        help: "Subscription events not sent: the subscriber may not read the row.")
    static let auditDropped = Family(
        name: "supportcarr_audit_entries_dropped_total", kind: .counter,
        help: "Audit entries dropped because the audit queue was full.")
    static let auditLost = Family(
        name: "supportcarr_audit_entries_lost_total", kind: .counter,
        help: "Audit entries lost with batches whose write failed.")
    static let auditBatchesFailed = Family(
        name: "supportcarr_audit_batches_failed_total", kind: .counter, help: "Audit batches whose write failed.")
    static let auditWriting = Family(
        name: "supportcarr_audit_writing", kind: .gauge,
        help: "1 while the audit log takes writes, 0 after a failed write until one succeeds.")
    static let commandDuration = Family(
        name: CommandInstrumentation.durationMetric, kind: .durationHistogram(commandDurationBuckets),
        help: "Database command latency by collection and command.")
    static let commandFailures = Family(
        name: CommandInstrumentation.failuresMetric, kind: .counter,
        help: "Database commands that failed, by collection and command.")
    static let spansExported = Family(
        name: "supportcarr_tracing_spans_exported_total", kind: .counter,
        help: "Spans the OTLP exporter delivered to the collector.")
    static let spansDropped = Family(
        name: "supportcarr_tracing_spans_dropped_total", kind: .counter,
        help: "Spans not delivered, by reason (queue_full, export_failed).")

    static let all: [Family] = [
        requests, requestDuration, roundTrips, loaderBatches, loaderBatchKeys, errors, http, rateLimited,
        cacheLookups, activeSubscriptions, subscriptionConnections, subscriptionEvents, subscriptionEventsSkipped,
        auditDropped, auditLost, auditBatchesFailed, auditWriting,
        commandDuration, commandFailures, spansExported, spansDropped,
    ]

    /// The families by name, for `RegistryMetricsFactory`.
    static let byName: [String: Family] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
}
