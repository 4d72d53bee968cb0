public import Hummingbird

/// The per-request context of the gateway's router: Hummingbird's core
/// storage plus the peer's address (for audit logs of personal-data reads).
public struct GatewayRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The TCP peer's IP address, as the socket saw it.
    public let remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }
}
