import Enforcement
import Hummingbird

/// The request bucket of the rate limit (`RateLimits`, `RateLimiter`), after
/// authentication so that a key is counted as itself: each request takes one
/// unit from its client's request bucket before its body is read, and is
/// answered 429 `RATE_LIMITED` with `Retry-After` when the bucket is empty.
/// The client is the API key (its role's limit, with the key's own
/// `apikeys.rateLimit` over it) or, for an anonymous caller (development's
/// introspection), its address.
///
/// The request's `RateLimitTicket` goes to the handler in the context, which
/// takes each operation's estimated cost once the operation is prepared;
/// whatever the answer, the `RateLimit-Policy` and `RateLimit` headers
/// (`RateLimitHeaders`) are written onto it here.
struct RateLimitMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let limiter: RateLimiter
    let limits: RateLimits

    func handle(
        _ request: Request, context: GatewayRequestContext,
        next: (Request, GatewayRequestContext) async throws -> Response
    ) async throws -> Response {
        guard let ticket = ticket(for: context) else { return try await next(request, context) }
        var context = context
        context.rateLimit = ticket
        if let refusal = ticket.take(1, of: .requests) {
            context.record.update { $0.rateLimited.append(refusal.policy) }
            var response = TransportError.rateLimited(refusal).response(
                mediaType: context.mediaType, record: context.record)
            ticket.addHeaders(to: &response)
            return response
        }
        var response = try await next(request, context)
        ticket.addHeaders(to: &response)
        return response
    }

    /// The request's account: nil when its client is not limited at all.
    private func ticket(for context: GatewayRequestContext) -> RateLimitTicket? {
        let client: String
        let limit: RateLimit
        switch context.identity {
        case .caller(let access):
            guard let key = access.principal.caller?.key else { return nil }
            limit = limits[key.role].overridden(by: key.rateLimit)
            guard !limit.isUnlimited else { return nil }
            client = "key:\(key.keyId.hex)"
        case .anonymous:
            limit = limits.anonymous
            guard !limit.isUnlimited else { return nil }
            client = "address:\(context.remoteAddress ?? "unknown")"
        case .unauthenticated:
            return nil
        }
        return RateLimitTicket(limiter: limiter, client: client, limit: limit)
    }
}
