import Synchronization

/// What subscriptions add to `/metrics`, apart from the rest of
/// `GatewayMetrics` so it can move with it:
/// - `supportcarr_subscription_connections` (gauge): sockets open;
/// - `supportcarr_subscriptions_active` (gauge): subscriptions running;
/// - `supportcarr_subscription_events_total` (counter): events sent (`next`);
/// - `supportcarr_subscription_events_skipped_total` (counter): events not
///   sent because the subscriber may not read the row.
public final class SubscriptionMetrics: Sendable {
    private struct Counts {
        var connections = 0
        var active = 0
        var events = 0
        var skipped = 0
    }
    private let counts = Mutex(Counts())

    public init() {}

    func connectionOpened() { counts.withLock { $0.connections += 1 } }
    func connectionClosed() { counts.withLock { $0.connections -= 1 } }
    func subscriptionStarted() { counts.withLock { $0.active += 1 } }
    func subscriptionEnded() { counts.withLock { $0.active -= 1 } }
    func eventSent() { counts.withLock { $0.events += 1 } }
    func eventSkipped() { counts.withLock { $0.skipped += 1 } }

    /// Subscriptions running now.
    public var activeSubscriptions: Int { counts.withLock { $0.active } }
    /// Sockets open now.
    public var openConnections: Int { counts.withLock { $0.connections } }

    /// The exposition text of these metrics.
    func prometheusText() -> String {
        let counts = counts.withLock { $0 }
        return """
            # HELP supportcarr_subscription_connections GraphQL WebSocket connections open.
            # TYPE supportcarr_subscription_connections gauge
            supportcarr_subscription_connections \(counts.connections)
            # HELP supportcarr_subscriptions_active GraphQL subscriptions running.
            # TYPE supportcarr_subscriptions_active gauge
            supportcarr_subscriptions_active \(counts.active)
            # HELP supportcarr_subscription_events_total Subscription events sent.
            # TYPE supportcarr_subscription_events_total counter
            supportcarr_subscription_events_total \(counts.events)
            # HELP supportcarr_subscription_events_skipped_total Subscription events not sent: the subscriber may not read the row.
            # TYPE supportcarr_subscription_events_skipped_total counter
            supportcarr_subscription_events_skipped_total \(counts.skipped)

            """
    }
}
