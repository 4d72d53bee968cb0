import Hummingbird

/// The `RateLimit-Policy` and `RateLimit` response fields of the IETF draft
/// "RateLimit header fields for HTTP"
/// (https://datatracker.ietf.org/doc/draft-ietf-httpapi-ratelimit-headers/,
/// draft 11: section 3 for `RateLimit-Policy`, section 4 for `RateLimit`),
/// Structured Field lists (RFC 9651) with one String item per policy:
///
/// ```
/// RateLimit-Policy: "requests";q=120;w=60, "cost";q=100000;w=60;supportcarr-unit="cost"
/// RateLimit: "requests";r=117;t=2, "cost";r=99640;t=1
/// ```
///
/// - `q`: the minute's allowance, `w`: the window (60 s; the buckets refill
///   continuously, a minute's allowance a minute);
/// - `r`: what is left now, `t`: the seconds until the bucket is full again,
///   or, for the policy a 429 refused, the seconds of its `Retry-After` (the
///   draft asks that `t` and `Retry-After` name the same moment);
/// - the `cost` policy counts the engine's estimated cost of operations
///   (`PreparedOperation.estimatedCost`), which is not one of the draft's
///   registered quota units (`qu`), so it says so in a vendor parameter.
///
/// Sent on every `/graphql` response of a rate-limited client, successful
/// ones included, so a client can pace itself before it is refused.
enum RateLimitHeaders {
    static let policy = HTTPFields.Element.Name("RateLimit-Policy")!
    static let rateLimit = HTTPFields.Element.Name("RateLimit")!
    /// The window every policy is expressed over, in seconds.
    static let window = 60

    static func policyValue(_ statuses: [RateLimiter.Status]) -> String {
        statuses.map { status in
            var item = "\"\(status.policy.rawValue)\";q=\(status.quota);w=\(window)"
            if status.policy == .cost { item += ";supportcarr-unit=\"cost\"" }
            return item
        }.joined(separator: ", ")
    }

    static func rateLimitValue(_ statuses: [RateLimiter.Status], refusal: RateLimitTicket.Refusal?) -> String {
        statuses.map { status in
            let reset = refusal?.policy == status.policy ? refusal?.retryAfter ?? 0 : status.secondsUntilFull
            return "\"\(status.policy.rawValue)\";r=\(status.remaining);t=\(reset)"
        }.joined(separator: ", ")
    }
}
