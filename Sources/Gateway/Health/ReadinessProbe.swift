public import MongoStore

/// Whether the gateway can serve: `/readyz` answers 200 when `isReady()` is
/// true and 503 otherwise, so a load balancer stops sending traffic to a
/// gateway whose database is gone and sends it again once it is back.
/// Several conditions combine with `AllReadiness`.
public protocol ReadinessProbe: Sendable {
    func isReady() async -> Bool
    /// Why the gateway is not ready, as `/readyz` says it (a few words); nil
    /// when it is. By default "not ready" whenever `isReady()` is false.
    func unreadyReason() async -> String?
}

extension ReadinessProbe {
    public func unreadyReason() async -> String? {
        await isReady() ? nil : "not ready"
    }
}

/// Ready when the database answers a `ping` within the timeout. The same
/// `MongoClient` is used throughout: libmongoc reconnects by itself, so the
/// gateway turns ready again when the database returns, without a restart.
///
/// Concurrent checks share one ping in flight, so a burst of probes while the
/// database hangs cannot occupy the client pool.
public actor DatabaseReadiness: ReadinessProbe {
    public let client: MongoClient
    public let timeout: Duration
    private var inFlight: Task<Bool, Never>?

    public init(client: MongoClient, timeout: Duration = .seconds(2)) {
        self.client = client
        self.timeout = timeout
    }

    public func isReady() async -> Bool {
        if let inFlight { return await inFlight.value }
        let client = self.client
        let timeout = self.timeout
        let check = Task<Bool, Never> {
            let answered = await withDeadline(timeout) { () async -> Bool in
                do {
                    try await client.ping()
                    return true
                } catch {
                    return false
                }
            }
            return answered ?? false
        }
        inFlight = check
        let ready = await check.value
        inFlight = nil
        return ready
    }

    public func unreadyReason() async -> String? {
        await isReady() ? nil : "database unreachable"
    }
}
