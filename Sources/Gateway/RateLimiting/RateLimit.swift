public import Security

/// How much one client may ask of this process a minute: requests, and the
/// engine's estimated cost of its operations (`PreparedOperation.estimatedCost`).
/// Nil leaves that dimension unlimited.
public struct RateLimit: Sendable, Hashable {
    public var requestsPerMinute: Int?
    public var costPerMinute: Int?

    public init(requestsPerMinute: Int?, costPerMinute: Int?) {
        self.requestsPerMinute = requestsPerMinute.map { max(1, $0) }
        self.costPerMinute = costPerMinute.map { max(1, $0) }
    }

    /// No limit at all.
    public static let unlimited = RateLimit(requestsPerMinute: nil, costPerMinute: nil)

    /// Whether neither dimension is limited.
    public var isUnlimited: Bool { requestsPerMinute == nil && costPerMinute == nil }

    /// This limit with a key's own override (`apikeys.rateLimit`) written over it, field by field.
    func overridden(by key: APIKeyRateLimit?) -> RateLimit {
        guard let key else { return self }
        return RateLimit(
            requestsPerMinute: key.requestsPerMinute ?? requestsPerMinute,
            costPerMinute: key.costPerMinute ?? costPerMinute)
    }
}

/// The rate limits of `/graphql`, per role and for anonymous callers, and how
/// many clients' counters a process keeps (`README.md`, "Limits").
///
/// Counted per process, in memory: with several gateway processes behind a
/// load balancer each applies the limit on its own, so a client spread over
/// `n` processes may get up to `n` times the limit. That is the price of no
/// shared store on the request path; what the limit protects is each
/// process (and, through each, the database), not an exact quota.
///
/// The defaults, with the per-operation cost limit (`QueryLimits.maxCost`,
/// 50,000) in mind so that one operation at that limit always fits in a
/// minute's budget:
///
/// - rider and driver: 120 requests and 100,000 cost a minute. Their apps poll
///   a rescue's status every few seconds and load a screen or two at a time
///   (operations costing tens to hundreds); two a second sustained, with a
///   minute's burst, is several times that, while one key cannot take a
///   noticeable share of a process.
/// - support and admin: 1,200 requests and 1,000,000 cost a minute. Consoles
///   page through lists of 100 with their relations and search as staff
///   type; there are few such keys, all of them the company's own.
/// - anonymous (development only: introspection without a key, per client
///   address): 60 requests and 300,000 cost a minute, room for a playground
///   reloading its schema (the standard introspection query estimates at
///   42,850) a few times a minute.
public struct RateLimits: Sendable, Equatable {
    public var rider: RateLimit
    public var driver: RateLimit
    public var support: RateLimit
    public var admin: RateLimit
    /// A partner integration's keys: one key serves many riders.
    public var partner: RateLimit
    /// Requests without a key (development's introspection), counted per client address.
    public var anonymous: RateLimit
    /// Most clients (keys and anonymous addresses) whose counters are kept;
    /// past it the counters idle longest are dropped. A counter idle for a
    /// minute is full again anyway, so dropping it loses nothing.
    public var maxClients: Int

    public static let defaultMaxClients = 10_000

    public init(
        rider: RateLimit = RateLimit(requestsPerMinute: 120, costPerMinute: 100_000),
        driver: RateLimit = RateLimit(requestsPerMinute: 120, costPerMinute: 100_000),
        support: RateLimit = RateLimit(requestsPerMinute: 1_200, costPerMinute: 1_000_000),
        admin: RateLimit = RateLimit(requestsPerMinute: 1_200, costPerMinute: 1_000_000),
        anonymous: RateLimit = RateLimit(requestsPerMinute: 60, costPerMinute: 300_000),
        maxClients: Int = defaultMaxClients,
        partner: RateLimit = RateLimit(requestsPerMinute: 600, costPerMinute: 500_000)
    ) {
        self.rider = rider
        self.driver = driver
        self.support = support
        self.admin = admin
        self.partner = partner
        self.anonymous = anonymous
        self.maxClients = max(1, maxClients)
    }

    /// No limit for anyone.
    public static let unlimited = RateLimits(
        rider: .unlimited, driver: .unlimited, support: .unlimited, admin: .unlimited, anonymous: .unlimited,
        partner: .unlimited)

    /// The limit of a role's keys.
    public subscript(role: Role) -> RateLimit {
        get {
            switch role {
            case .rider: rider
            case .driver: driver
            case .support: support
            case .admin: admin
            case .partner: partner
            }
        }
        set {
            switch role {
            case .rider: rider = newValue
            case .driver: driver = newValue
            case .support: support = newValue
            case .admin: admin = newValue
            case .partner: partner = newValue
            }
        }
    }
}
