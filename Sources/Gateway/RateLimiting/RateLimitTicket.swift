import Hummingbird
import Synchronization

/// One request's account with the `RateLimiter`: the client it is counted
/// as, that client's limit, and the refusal if there was one. Made by
/// `RateLimitMiddleware` (which takes the request from the request bucket)
/// and handed to the endpoint in the context (which takes each operation's
/// estimated cost from the cost bucket); the middleware then writes the
/// `RateLimit` headers from it onto whatever response the request got.
final class RateLimitTicket: Sendable {
    let limiter: RateLimiter
    /// `key:<id>` for an API key, `address:<ip>` for an anonymous caller.
    let client: String
    let limit: RateLimit
    private let refusal = Mutex<Refusal?>(nil)

    struct Refusal: Sendable, Equatable {
        let policy: RateLimiter.Policy
        /// Whole seconds until the refused amount would be there.
        let retryAfter: Int
    }

    init(limiter: RateLimiter, client: String, limit: RateLimit) {
        self.limiter = limiter
        self.client = client
        self.limit = limit
    }

    /// Takes `amount` of `policy`: nil when taken, else the refusal (also
    /// kept, for the headers).
    func take(_ amount: Int, of policy: RateLimiter.Policy) -> Refusal? {
        guard let wait = limiter.take(amount, of: policy, client: client, limit: limit) else { return nil }
        let refused = Refusal(policy: policy, retryAfter: wait)
        refusal.withLock { $0 = refused }
        return refused
    }

    /// Writes `RateLimit-Policy` and `RateLimit` (`RateLimitHeaders`) for this
    /// client's limited policies as they stand now.
    func addHeaders(to response: inout Response) {
        let statuses = limiter.status(client: client, limit: limit)
        guard !statuses.isEmpty else { return }
        let refused = refusal.withLock { $0 }
        response.headers[RateLimitHeaders.policy] = RateLimitHeaders.policyValue(statuses)
        response.headers[RateLimitHeaders.rateLimit] = RateLimitHeaders.rateLimitValue(statuses, refusal: refused)
    }
}
