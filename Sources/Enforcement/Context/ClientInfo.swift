/// Where a request comes from, as the HTTP layer saw it: kept for audit logs of
/// personal-data reads and for request logs. Both values are client-controlled
/// text; they are recorded, never trusted.
public struct ClientInfo: Sendable, Hashable {
    /// The peer's address (or the first hop the deployment trusts).
    public var address: String?
    public var userAgent: String?

    public init(address: String? = nil, userAgent: String? = nil) {
        self.address = address
        self.userAgent = userAgent
    }
}
