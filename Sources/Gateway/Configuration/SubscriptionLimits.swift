/// The limits of GraphQL subscriptions over WebSocket (README,
/// "Subscriptions"). Operations sent on a socket are also held to the same
/// document limits as over HTTP (`GatewayConfiguration.queryLimits`: depth,
/// cost, tokens, ...), to the body size limit per message, and each event's
/// execution to the execution time limit.
public struct SubscriptionLimits: Sendable, Equatable {
    /// Most operations running at once on one connection; one more is
    /// answered `error` (`TOO_MANY_SUBSCRIPTIONS`) and the socket stays. Default 20.
    public var maxOperationsPerConnection: Int
    /// Most sockets one API key may hold open in this process; one more is
    /// closed with 1013 (try again later) after its `connection_init`. Default 10.
    public var maxConnectionsPerKey: Int
    /// How long a client has to send `connection_init` after the upgrade;
    /// then the socket is closed with 4408. Default 10 s.
    public var initTimeout: Duration
    /// How often the server sends `ping` (the protocol's) and a WebSocket ping
    /// frame; a peer that does not answer the frame by the next one is
    /// disconnected. Default 15 s.
    public var keepAlive: Duration

    public init(
        maxOperationsPerConnection: Int = 20, maxConnectionsPerKey: Int = 10, initTimeout: Duration = .seconds(10),
        keepAlive: Duration = .seconds(15)
    ) {
        self.maxOperationsPerConnection = maxOperationsPerConnection
        self.maxConnectionsPerKey = maxConnectionsPerKey
        self.initTimeout = initTimeout
        self.keepAlive = keepAlive
    }
}
