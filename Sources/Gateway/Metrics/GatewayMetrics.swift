public import Security
import Synchronization

/// What the gateway counts, served at `/metrics` in the Prometheus text
/// format (no metrics library: the set is small and fixed).
///
/// - `supportcarr_graphql_requests_total{operation,outcome}`
/// - `supportcarr_graphql_request_duration_seconds` (histogram)
/// - `supportcarr_graphql_db_round_trips` (histogram, per operation)
/// - `supportcarr_graphql_loader_batches` (histogram, per operation)
/// - `supportcarr_graphql_errors_total{code}`
/// - `supportcarr_http_requests_total{route,status}`
/// - with an audit recorder: `supportcarr_audit_entries_dropped_total`,
///   `supportcarr_audit_entries_lost_total`, `supportcarr_audit_batches_failed_total`
///   and `supportcarr_audit_writing` (the PII audit failing open, which a
///   production gateway turns into `AUDIT_UNAVAILABLE` refusals: alert on it)
/// - `supportcarr_rate_limited_total{policy}` (`requests` or `cost`)
/// - the subscriptions' gauges and counters (`SubscriptionMetrics`)
///
/// Operation names come from documents clients send, so the label is bounded
/// twice: each name to `ClientText.maxCharacters` characters (and a hash),
/// and after `maxOperationLabels` distinct names, new ones count as `other`.
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

    private struct State {
        var requests: [Pair: Int] = [:]
        var errors: [String: Int] = [:]
        var http: [Pair: Int] = [:]
        var duration = Histogram(bounds: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10])
        var roundTrips = Histogram(bounds: [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64])
        var loaderBatches = Histogram(bounds: [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64])
        var operations: Set<String> = []
        var rateLimited: [RateLimiter.Policy: Int] = [:]
    }

    private struct Pair: Hashable {
        let first: String
        let second: String
    }

    private let state = Mutex(State())
    public let maxOperationLabels: Int
    /// The PII audit whose losses are exported (read when scraped).
    public let audit: PersonalDataAuditRecorder?
    /// The subscriptions' gauges and counters (`SubscriptionMetrics`).
    public let subscriptions = SubscriptionMetrics()

    public init(maxOperationLabels: Int = 200, audit: PersonalDataAuditRecorder? = nil) {
        self.maxOperationLabels = maxOperationLabels
        self.audit = audit
    }

    /// Records one GraphQL operation.
    ///
    /// - Parameters:
    ///   - operation: the operation's name from the document (`anonymous` when
    ///     it has none), bounded here (`ClientText`) whatever the caller did.
    ///   - errorCodes: the `extensions.code` of each error answered (`UNKNOWN` for one without).
    public func recordOperation(
        operation: String, outcome: Outcome, duration: Duration, roundTrips: Int, loaderBatches: Int,
        errorCodes: [String]
    ) {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        let operation = ClientText.bounded(operation)
        state.withLock { state in
            let label: String
            if state.operations.contains(operation) {
                label = operation
            } else if state.operations.count < maxOperationLabels {
                state.operations.insert(operation)
                label = operation
            } else {
                label = "other"
            }
            state.requests[Pair(first: label, second: outcome.rawValue), default: 0] += 1
            state.duration.observe(seconds)
            state.roundTrips.observe(Double(roundTrips))
            state.loaderBatches.observe(Double(loaderBatches))
            for code in errorCodes { state.errors[code, default: 0] += 1 }
        }
    }

    /// Records one refusal by the rate limit, by the policy that refused.
    public func recordRateLimited(policy: RateLimiter.Policy) {
        state.withLock { $0.rateLimited[policy, default: 0] += 1 }
    }

    /// Records one HTTP exchange of any route (health checks and the playground included).
    public func recordHTTP(route: String, status: Int) {
        state.withLock { $0.http[Pair(first: route, second: String(status)), default: 0] += 1 }
    }

    /// The exposition text.
    public func prometheusText() -> String {
        let snapshot = state.withLock { $0 }
        var text = ""
        text += "# HELP supportcarr_graphql_requests_total GraphQL operations by operation name and outcome.\n"
        text += "# TYPE supportcarr_graphql_requests_total counter\n"
        for (pair, count) in snapshot.requests.sorted(by: {
            ($0.key.first, $0.key.second) < ($1.key.first, $1.key.second)
        }) {
            text +=
                "supportcarr_graphql_requests_total{operation=\"\(PrometheusText.escape(pair.first))\",outcome=\"\(pair.second)\"} \(count)\n"
        }
        text +=
            "# HELP supportcarr_graphql_request_duration_seconds Time from request to response of a GraphQL operation.\n"
        text += "# TYPE supportcarr_graphql_request_duration_seconds histogram\n"
        snapshot.duration.write(name: "supportcarr_graphql_request_duration_seconds", labels: "", into: &text)
        text += "# HELP supportcarr_graphql_db_round_trips Database operations sent per GraphQL operation.\n"
        text += "# TYPE supportcarr_graphql_db_round_trips histogram\n"
        snapshot.roundTrips.write(name: "supportcarr_graphql_db_round_trips", labels: "", into: &text)
        text += "# HELP supportcarr_graphql_loader_batches Batched loader queries per GraphQL operation.\n"
        text += "# TYPE supportcarr_graphql_loader_batches histogram\n"
        snapshot.loaderBatches.write(name: "supportcarr_graphql_loader_batches", labels: "", into: &text)
        text += "# HELP supportcarr_graphql_errors_total GraphQL errors answered, by extensions.code.\n"
        text += "# TYPE supportcarr_graphql_errors_total counter\n"
        for (code, count) in snapshot.errors.sorted(by: { $0.key < $1.key }) {
            text += "supportcarr_graphql_errors_total{code=\"\(PrometheusText.escape(code))\"} \(count)\n"
        }
        text += "# HELP supportcarr_http_requests_total HTTP requests by route and status.\n"
        text += "# TYPE supportcarr_http_requests_total counter\n"
        for (pair, count) in snapshot.http.sorted(by: { ($0.key.first, $0.key.second) < ($1.key.first, $1.key.second) })
        {
            text +=
                "supportcarr_http_requests_total{route=\"\(PrometheusText.escape(pair.first))\",status=\"\(pair.second)\"} \(count)\n"
        }
        if let audit { Self.writeAudit(audit.statistics, into: &text) }
        text += subscriptions.prometheusText()
        text += "# HELP supportcarr_rate_limited_total Requests and operations refused by the rate limit, by policy.\n"
        text += "# TYPE supportcarr_rate_limited_total counter\n"
        for policy in RateLimiter.Policy.allCases {
            text +=
                "supportcarr_rate_limited_total{policy=\"\(policy.rawValue)\"} \(snapshot.rateLimited[policy] ?? 0)\n"
        }
        return text
    }

    /// The audit recorder's losses and state.
    private static func writeAudit(_ audit: PersonalDataAuditRecorder.Statistics, into text: inout String) {
        let series: [(name: String, type: String, help: String, value: Int)] = [
            (
                "supportcarr_audit_entries_dropped_total", "counter",
                "Audit entries dropped because the audit queue was full.", audit.droppedCount
            ),
            (
                "supportcarr_audit_entries_lost_total", "counter",
                "Audit entries lost with batches whose write failed.", audit.failedEntries
            ),
            (
                "supportcarr_audit_batches_failed_total", "counter", "Audit batches whose write failed.",
                audit.failedBatches
            ),
            (
                "supportcarr_audit_writing", "gauge",
                "1 while the audit log takes writes, 0 after a failed write until one succeeds.",
                audit.lastWriteFailed ? 0 : 1
            ),
        ]
        for entry in series {
            text +=
                "# HELP \(entry.name) \(entry.help)\n# TYPE \(entry.name) \(entry.type)\n\(entry.name) \(entry.value)\n"
        }
    }
}
