public import GraphQLEngine
public import Prometheus
public import Security
import Synchronization

/// What the gateway counts, served at `/metrics` by swift-prometheus'
/// registry (`MetricCatalogue` lists every family; `README.md`, "Metrics",
/// the same for operators).
///
/// Each gateway has its own `PrometheusCollectorRegistry` (given or made
/// here) and a swift-metrics factory over it, `factory`: the lower layers
/// (MongoStore's `CommandInstrumentation`, Security's `CachedAPIKeyStore`)
/// emit through CoreMetrics into it without knowing about Prometheus. `serve`
/// also bootstraps the process-wide `MetricsSystem` with that factory;
/// tests, which run many gateways in one process, do not.
///
/// Labels are bounded: operation names come from documents clients send, so
/// each is cut to `ClientText.maxCharacters` characters (and a hash) and,
/// after `maxOperationLabels` distinct names, new ones count as `other`;
/// every other label is a fixed set (outcomes, error codes, routes,
/// statuses, policies, cache names, collections, commands). Never an id or a
/// value.
///
/// Hot path: counters are atomics; a request takes a short lock to find its
/// labelled series (a dictionary read; the series is made once) and
/// swift-prometheus' histograms each take their own lock per observation.
public final class GatewayMetrics: Sendable {
    /// How one GraphQL operation ended.
    public enum Outcome: String, Sendable, CaseIterable {
        /// Executed, no errors.
        case success
        /// Executed with field errors (data may be partial).
        case partial
        /// Refused before execution (parse, validation, persisted query, limits).
        case rejected
        /// Refused for missing or invalid credentials.
        case unauthenticated
        /// Stopped at the execution time limit.
        case timeout
        /// Turned away because too many operations were waiting to run.
        case overloaded
        /// Turned away because the client's rate limit was used up.
        case rateLimited = "rate_limited"
        /// The server failed (database unreachable while authenticating...).
        case failed
    }

    /// The caches whose lookups are counted (`supportcarr_cache_requests_total{cache}`).
    public enum Cache: String, Sendable, CaseIterable {
        /// Parsed and validated documents by text (`DocumentCache`).
        case document
        /// Automatic persisted queries by hash.
        case persistedQuery = "persisted_query"
        /// API-key records by prefix (`CachedAPIKeyStore`, counted by itself through `factory`).
        case apiKey = "api_key"
    }

    /// The registry `/metrics` renders.
    public let registry: PrometheusCollectorRegistry
    /// swift-metrics over `registry`, for the layers below the gateway.
    public let factory: RegistryMetricsFactory
    public let maxOperationLabels: Int
    /// The PII audit whose losses are exported (read when scraped).
    public let audit: PersonalDataAuditRecorder?

    private let requestDuration: DurationHistogram
    private let roundTrips: ValueHistogram
    private let loaderBatches: ValueHistogram
    private let loaderBatchKeys: ValueHistogram
    private let rateLimited: [RateLimiter.Policy: Prometheus.Counter]
    private let persistedQueryHits: Prometheus.Counter
    private let persistedQueryMisses: Prometheus.Counter
    /// The subscriptions' gauges and counters (`SubscriptionMetrics`).
    public let subscriptions: SubscriptionMetrics
    private let spansExported: Prometheus.Counter
    private let spansDropped: [SpanDropReason: Prometheus.Counter]

    /// Why spans were not delivered (`supportcarr_tracing_spans_dropped_total{reason}`).
    public enum SpanDropReason: String, Sendable, CaseIterable {
        /// The export queue was full when the span ended.
        case queueFull = "queue_full"
        /// The collector did not take the batch (unreachable, an error status, too slow).
        case exportFailed = "export_failed"
    }
    private let labelled = Mutex(LabelledSeries())
    private let scraped = Mutex(ScrapedTotals())

    /// The series whose labels are known only when recorded.
    private struct LabelledSeries {
        var requests: [Pair: Prometheus.Counter] = [:]
        var errors: [String: Prometheus.Counter] = [:]
        var http: [Pair: Prometheus.Counter] = [:]
        var operations: Set<String> = []
    }

    private struct Pair: Hashable {
        let first: String
        let second: String
    }

    /// Totals kept by others (the audit recorder, the document cache) and
    /// how much of each the counters already hold: a scrape adds the difference.
    private struct ScrapedTotals {
        var auditDropped = 0
        var auditLost = 0
        var auditBatchesFailed = 0
        var documentHits = 0
        var documentMisses = 0
    }

    public init(
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), maxOperationLabels: Int = 200,
        audit: PersonalDataAuditRecorder? = nil
    ) {
        self.registry = registry
        self.factory = RegistryMetricsFactory(registry: registry)
        self.maxOperationLabels = maxOperationLabels
        self.audit = audit
        requestDuration = registry.makeDurationHistogram(
            descriptor: Self.descriptor(MetricCatalogue.requestDuration),
            buckets: MetricCatalogue.requestDurationBuckets)
        roundTrips = registry.makeValueHistogram(
            descriptor: Self.descriptor(MetricCatalogue.roundTrips), buckets: MetricCatalogue.countBuckets)
        loaderBatches = registry.makeValueHistogram(
            descriptor: Self.descriptor(MetricCatalogue.loaderBatches), buckets: MetricCatalogue.countBuckets)
        loaderBatchKeys = registry.makeValueHistogram(
            descriptor: Self.descriptor(MetricCatalogue.loaderBatchKeys), buckets: MetricCatalogue.batchKeyBuckets)
        var rateLimited: [RateLimiter.Policy: Prometheus.Counter] = [:]
        for policy in RateLimiter.Policy.allCases {
            rateLimited[policy] = registry.makeCounter(
                descriptor: Self.descriptor(MetricCatalogue.rateLimited), labels: [("policy", policy.rawValue)])
        }
        self.rateLimited = rateLimited
        let cache = Self.descriptor(MetricCatalogue.cacheLookups)
        persistedQueryHits = registry.makeCounter(
            descriptor: cache, labels: [("cache", Cache.persistedQuery.rawValue), ("result", "hit")])
        persistedQueryMisses = registry.makeCounter(
            descriptor: cache, labels: [("cache", Cache.persistedQuery.rawValue), ("result", "miss")])
        subscriptions = SubscriptionMetrics(registry: registry)
        spansExported = registry.makeCounter(descriptor: Self.descriptor(MetricCatalogue.spansExported))
        var dropped: [SpanDropReason: Prometheus.Counter] = [:]
        for reason in SpanDropReason.allCases {
            dropped[reason] = registry.makeCounter(
                descriptor: Self.descriptor(MetricCatalogue.spansDropped), labels: [("reason", reason.rawValue)])
        }
        spansDropped = dropped
        if audit != nil {
            for family in [MetricCatalogue.auditDropped, MetricCatalogue.auditLost, MetricCatalogue.auditBatchesFailed]
            {
                _ = registry.makeCounter(descriptor: Self.descriptor(family))
            }
            registry.makeGauge(descriptor: Self.descriptor(MetricCatalogue.auditWriting)).set(to: 1)
        }
    }

    static func descriptor(_ family: MetricCatalogue.Family) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: family.name, unitName: "", helpText: family.help)
    }

    // MARK: Recording

    /// Records one GraphQL operation.
    ///
    /// - Parameters:
    ///   - operation: the operation's name from the document (`anonymous` when
    ///     it has none), bounded here (`ClientText`) whatever the caller did.
    ///   - errorCodes: the `extensions.code` of each error answered (`UNKNOWN` for one without).
    ///   - loaderBatchSizes: the keys of each batched loader query it sent.
    public func recordOperation(
        operation: String, outcome: Outcome, duration: Duration, roundTrips: Int, loaderBatches: Int,
        loaderBatchSizes: [Int] = [], errorCodes: [String]
    ) {
        let operation = ClientText.bounded(operation)
        let (request, errors) = labelled.withLock { series in
            let label: String
            if series.operations.contains(operation) {
                label = operation
            } else if series.operations.count < maxOperationLabels {
                series.operations.insert(operation)
                label = operation
            } else {
                label = "other"
            }
            let key = Pair(first: label, second: outcome.rawValue)
            let request = series.requests[key] ?? makeSeries(MetricCatalogue.requests, key, "operation", "outcome")
            series.requests[key] = request
            var errors: [Prometheus.Counter] = []
            for code in errorCodes {
                let counter =
                    series.errors[code]
                    ?? registry.makeCounter(
                        descriptor: Self.descriptor(MetricCatalogue.errors), labels: [("code", code)])
                series.errors[code] = counter
                errors.append(counter)
            }
            return (request, errors)
        }
        request.increment()
        for counter in errors { counter.increment() }
        requestDuration.record(duration)
        self.roundTrips.record(Double(roundTrips))
        self.loaderBatches.record(Double(loaderBatches))
        for size in loaderBatchSizes { loaderBatchKeys.record(Double(size)) }
    }

    private func makeSeries(_ family: MetricCatalogue.Family, _ pair: Pair, _ first: String, _ second: String)
        -> Prometheus.Counter
    {
        registry.makeCounter(descriptor: Self.descriptor(family), labels: [(first, pair.first), (second, pair.second)])
    }

    /// Records one refusal by the rate limit, by the policy that refused.
    public func recordRateLimited(policy: RateLimiter.Policy) {
        rateLimited[policy]?.increment()
    }

    /// Records one HTTP exchange of any route (health checks and the playground included).
    ///
    /// - Parameter route: the matched route's pattern, never the raw path.
    public func recordHTTP(route: String, status: Int) {
        let key = Pair(first: route, second: String(status))
        let counter = labelled.withLock { series in
            let counter = series.http[key] ?? makeSeries(MetricCatalogue.http, key, "route", "status")
            series.http[key] = counter
            return counter
        }
        counter.increment()
    }

    /// Records one lookup of a persisted query by its hash.
    public func recordPersistedQueryLookup(hit: Bool) {
        (hit ? persistedQueryHits : persistedQueryMisses).increment()
    }

    /// Records spans the collector took.
    public func recordSpansExported(_ count: Int) {
        spansExported.increment(by: Int64(count))
    }

    /// Records spans that will never reach the collector.
    public func recordSpansDropped(_ count: Int, reason: SpanDropReason) {
        spansDropped[reason]?.increment(by: Int64(count))
    }

    // MARK: Subscriptions

    /// The hook for the subscription transport: call when a subscription
    /// starts streaming, and `subscriptionEnded()` exactly once when it stops
    /// (completed, cancelled, the connection closed). Prefer
    /// `withActiveSubscription`, which cannot miss the end.
    public func subscriptionStarted() { subscriptions.subscriptionStarted() }

    /// The end of a subscription counted by `subscriptionStarted()`.
    public func subscriptionEnded() { subscriptions.subscriptionEnded() }

    /// Runs `body` (a subscription's whole life) counted in
    /// `supportcarr_graphql_subscriptions_active`, however it ends.
    public func withActiveSubscription<R>(
        isolation: isolated (any Actor)? = #isolation, _ body: () async throws -> sending R
    ) async rethrows -> sending R {
        subscriptionStarted()
        defer { subscriptionEnded() }
        return try await body()
    }

    // MARK: Exposition

    /// Brings the totals other components keep (the audit recorder's losses,
    /// the document cache's hits and misses) into their counters; `/metrics`
    /// calls it before rendering.
    public func collect(documentCache: DocumentCache?) async {
        guard let documentCache else { return }
        let (hits, misses) = (documentCache.hits, documentCache.misses)
        scraped.withLock { seen in
            add(hits - seen.documentHits, to: MetricCatalogue.cacheLookups, [("cache", "document"), ("result", "hit")])
            add(
                misses - seen.documentMisses, to: MetricCatalogue.cacheLookups,
                [("cache", "document"), ("result", "miss")])
            (seen.documentHits, seen.documentMisses) = (hits, misses)
        }
    }

    /// The audit recorder's totals into their counters, its state into its gauge.
    private func collectAudit() {
        guard let statistics = audit?.statistics else { return }
        scraped.withLock { seen in
            add(statistics.droppedCount - seen.auditDropped, to: MetricCatalogue.auditDropped, [])
            add(statistics.failedEntries - seen.auditLost, to: MetricCatalogue.auditLost, [])
            add(statistics.failedBatches - seen.auditBatchesFailed, to: MetricCatalogue.auditBatchesFailed, [])
            (seen.auditDropped, seen.auditLost, seen.auditBatchesFailed) = (
                statistics.droppedCount, statistics.failedEntries, statistics.failedBatches
            )
            registry.makeGauge(descriptor: Self.descriptor(MetricCatalogue.auditWriting))
                .set(to: statistics.lastWriteFailed ? 0 : 1)
        }
    }

    /// Adds `amount` (a total's growth since the last scrape) to a counter.
    private func add(_ amount: Int, to family: MetricCatalogue.Family, _ labels: [(String, String)]) {
        let counter = registry.makeCounter(descriptor: Self.descriptor(family), labels: labels)
        if amount > 0 { counter.increment(by: Int64(amount)) }
    }

    /// The exposition text (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format),
    /// as swift-prometheus renders it, with the audit recorder's totals read
    /// now. `/metrics` calls `collect(documentCache:)` first for the cache's.
    public func prometheusText() -> String {
        collectAudit()
        return registry.emitToString()
    }
}
