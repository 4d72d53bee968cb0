import Prometheus

/// What the subscription transport counts, in the gateway's registry
/// (`MetricCatalogue` has their names and help):
/// - `supportcarr_graphql_subscription_connections` (gauge): sockets open;
/// - `supportcarr_graphql_subscriptions_active` (gauge): subscriptions running;
/// - `supportcarr_graphql_subscription_events_total` (counter): events sent (`next`);
/// - `supportcarr_graphql_subscription_events_skipped_total` (counter): events
///   not sent because the subscriber may not read the row.
public final class SubscriptionMetrics: Sendable {
    private let connections: Prometheus.Gauge
    private let active: Prometheus.Gauge
    private let events: Prometheus.Counter
    private let skipped: Prometheus.Counter

    init(registry: PrometheusCollectorRegistry) {
        connections = registry.makeGauge(descriptor: GatewayMetrics.descriptor(MetricCatalogue.subscriptionConnections))
        active = registry.makeGauge(descriptor: GatewayMetrics.descriptor(MetricCatalogue.activeSubscriptions))
        events = registry.makeCounter(descriptor: GatewayMetrics.descriptor(MetricCatalogue.subscriptionEvents))
        skipped = registry.makeCounter(
            descriptor: GatewayMetrics.descriptor(MetricCatalogue.subscriptionEventsSkipped))
    }

    func connectionOpened() { connections.increment() }
    func connectionClosed() { connections.decrement() }
    func subscriptionStarted() { active.increment() }
    func subscriptionEnded() { active.decrement() }
    func eventSent() { events.increment() }
    func eventSkipped() { skipped.increment() }
}
