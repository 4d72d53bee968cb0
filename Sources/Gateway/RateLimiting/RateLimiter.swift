import Synchronization

/// The rate-limit counters of this process: per client (an API key, or an
/// anonymous caller's address), a token bucket of requests and one of
/// estimated cost, each refilled continuously (`TokenBucket`).
///
/// In memory and per process (see `RateLimits`), bounded: at most
/// `maxClients` clients are tracked. Past that, the clients whose buckets are
/// full again are forgotten first (nothing is lost: a new bucket starts
/// full), then, only if every tracked client spent something within the last
/// minute, those idle longest, down to nine tenths of the bound so that the
/// sweep runs once per many new clients.
public final class RateLimiter: Sendable {
    /// What a bucket counts (and the policy's name in the `RateLimit` headers and metrics).
    public enum Policy: String, Sendable, CaseIterable {
        case requests
        case cost
    }

    /// One policy's state for a client, for the response headers.
    struct Status: Sendable, Equatable {
        let policy: Policy
        /// The minute's allowance.
        let quota: Int
        /// Whole units left now.
        let remaining: Int
        /// Whole seconds until the bucket is full again.
        let secondsUntilFull: Int
    }

    private struct Client {
        var requests: TokenBucket?
        var cost: TokenBucket?
        var lastUsed: ContinuousClock.Instant

        subscript(policy: Policy) -> TokenBucket? {
            get { policy == .requests ? requests : cost }
            set { if policy == .requests { requests = newValue } else { cost = newValue } }
        }
    }

    public let maxClients: Int
    private let clients = Mutex<[String: Client]>([:])

    public init(maxClients: Int = RateLimits.defaultMaxClients) {
        self.maxClients = max(1, maxClients)
    }

    /// Clients tracked now.
    public var count: Int { clients.withLock { $0.count } }

    /// Takes `amount` units of `policy` from `client`'s bucket, made full
    /// under `limit` if the client is new: nil when taken (or the policy is
    /// unlimited), else the whole seconds until they would be there.
    func take(
        _ amount: Int, of policy: Policy, client: String, limit: RateLimit, now: ContinuousClock.Instant = .now
    ) -> Int? {
        guard let perMinute = Self.perMinute(policy, in: limit) else { return nil }
        return clients.withLock { clients in
            if clients[client] == nil, clients.count >= maxClients { evict(&clients, now: now) }
            var entry = clients[client] ?? Client(lastUsed: now)
            var bucket = entry[policy] ?? TokenBucket(perMinute: perMinute, now: now)
            bucket.refill(now: now, perMinute: perMinute)
            let wait = bucket.take(amount)
            entry[policy] = bucket
            entry.lastUsed = now
            clients[client] = entry
            return wait
        }
    }

    /// The state of each limited policy of `client` under `limit` (a policy
    /// the client has not used yet is full).
    func status(client: String, limit: RateLimit, now: ContinuousClock.Instant = .now) -> [Status] {
        clients.withLock { clients in
            Policy.allCases.compactMap { policy in
                guard let perMinute = Self.perMinute(policy, in: limit) else { return nil }
                var bucket = clients[client]?[policy] ?? TokenBucket(perMinute: perMinute, now: now)
                bucket.refill(now: now, perMinute: perMinute)
                return Status(
                    policy: policy, quota: perMinute, remaining: bucket.remaining,
                    secondsUntilFull: bucket.secondsUntilFull)
            }
        }
    }

    private static func perMinute(_ policy: Policy, in limit: RateLimit) -> Int? {
        policy == .requests ? limit.requestsPerMinute : limit.costPerMinute
    }

    /// Makes room for a new client (see the type's comment).
    private func evict(_ clients: inout [String: Client], now: ContinuousClock.Instant) {
        clients = clients.filter { _, client in
            !((client.requests?.isFull(at: now) ?? true) && (client.cost?.isFull(at: now) ?? true))
        }
        guard clients.count >= maxClients else { return }
        let keep = maxClients * 9 / 10
        let oldest = clients.sorted { $0.value.lastUsed < $1.value.lastUsed }.prefix(clients.count - keep)
        for (name, _) in oldest { clients[name] = nil }
    }
}
