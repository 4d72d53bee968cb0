import Enforcement
import HTTPTypes
import Hummingbird
import Logging
import MongoStore
import Security

/// Turns the request's credentials into its `RequestIdentity` through the
/// `RequestAuthenticator` (the security layer's seam), before the body is
/// read: a request without a valid key is answered 401 `UNAUTHENTICATED`
/// (with `WWW-Authenticate: Bearer`) and reaches nothing else, unless the
/// deployment lets anonymous callers run introspection-only operations
/// (development), in which case it continues as `.anonymous` and the handler
/// lets through only operations that read nothing but the schema. An
/// authenticator that fails for another reason (the database is unreachable)
/// is the server's error: 500, never `UNAUTHENTICATED`.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let authenticator: any RequestAuthenticator
    let allowsAnonymousIntrospection: Bool
    let logger: Logger
    static let apiKeyHeader = HTTPField.Name("X-API-Key")!

    func handle(
        _ request: Request, context: GatewayRequestContext,
        next: (Request, GatewayRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let counter = RoundTripCounter()
        defer {
            let trips = counter.count
            context.record.update { $0.roundTrips += trips }
        }
        do {
            // Only the headers a key can come in: the others are not the
            // authenticator's business, and copying them all into strings
            // was a visible share of a cheap request.
            var headers: [(name: String, value: String)] = []
            for field in request.headers where field.name == .authorization || field.name == Self.apiKeyHeader {
                headers.append((name: field.name.canonicalName, value: field.value))
            }
            let client = ClientInfo(address: context.remoteAddress, userAgent: request.headers[.userAgent])
            // The connection's previous request may have carried the same key.
            let connection = ConnectionCredentials.current
            let presented = connection != nil && !headers.isEmpty ? ConnectionCredentials.presented(headers) : []
            if let connection, !presented.isEmpty, let access = connection.again(for: presented, client: client) {
                context.identity = .caller(access)
            } else {
                let authentication = try await RoundTripCounter.$current.withValue(counter) {
                    try await authenticator.authenticateReusably(headers: headers, client: client)
                }
                if !presented.isEmpty { connection?.remember(presented, as: authentication) }
                context.identity = .caller(authentication.access)
            }
        } catch is AuthenticationError where allowsAnonymousIntrospection {
            ConnectionCredentials.current?.forget()
            context.identity = .anonymous
        } catch is AuthenticationError {
            ConnectionCredentials.current?.forget()
            return TransportError.unauthenticated.response(mediaType: context.mediaType, record: context.record)
        } catch {
            logger.error("authentication failed with a server error", metadata: ["error": "\(type(of: error))"])
            return TransportError.internalError.response(mediaType: context.mediaType, record: context.record)
        }
        return try await next(request, context)
    }
}
