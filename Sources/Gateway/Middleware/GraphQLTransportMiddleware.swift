import Hummingbird

/// The GraphQL-over-HTTP checks that need nothing but the request line and
/// headers (https://graphql.github.io/graphql-over-http/draft/#sec-Request),
/// made before anything costs a database round trip or reads the body:
/// the response media type from `Accept` (406 when neither JSON type is
/// acceptable), the URI's length (414 over `maxURIBytes`: a GET's document
/// travels there, outside the body limit), the method (GET or POST), a POST
/// body's media type (415 unless JSON) and its declared length (413 over the
/// limit). The media type is kept in the context for every later answer.
struct GraphQLTransportMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let limits: GatewayLimits

    func handle(
        _ request: Request, context: GatewayRequestContext,
        next: (Request, GatewayRequestContext) async throws -> Response
    ) async throws -> Response {
        let headers = Headers(request.headers)
        guard let mediaType = ResponseMediaType.negotiate(accept: headers.accept) else {
            return TransportError.notAcceptable.response(mediaType: .json, record: context.record)
        }
        var context = context
        context.mediaType = mediaType
        if let target = request.head.path, target.utf8.count > limits.maxURIBytes {
            return TransportError.uriTooLong(limit: limits.maxURIBytes)
                .response(mediaType: mediaType, record: context.record)
        }
        switch request.method {
        case .get:
            break
        case .post:
            guard RequestMediaType.isJSON(headers.contentType) else {
                return TransportError.unsupportedMediaType.response(mediaType: mediaType, record: context.record)
            }
            if let declared = headers.contentLength.flatMap({ Int($0) }), declared > limits.maxBodyBytes {
                return TransportError.requestTooLarge(limit: limits.maxBodyBytes)
                    .response(mediaType: mediaType, record: context.record)
            }
        default:
            return TransportError.methodNotAllowed.response(mediaType: mediaType, record: context.record)
        }
        return try await next(request, context)
    }

    /// The three fields the checks read, found in one pass over the fields
    /// (`HTTPFields`' subscript searches and joins afresh on every call).
    /// Repeated fields are joined with ", " as the subscript does (RFC 9110
    /// §5.3), which keeps a repeated `Accept` a list and makes a repeated
    /// `Content-Type` or `Content-Length` fail its check.
    struct Headers {
        var accept: String?
        var contentType: String?
        var contentLength: String?

        init(_ fields: HTTPFields) {
            for field in fields {
                switch field.name {
                case .accept: Self.add(field.value, to: &accept)
                case .contentType: Self.add(field.value, to: &contentType)
                case .contentLength: Self.add(field.value, to: &contentLength)
                default: continue
                }
            }
        }

        private static func add(_ value: String, to joined: inout String?) {
            joined = joined.map { $0 + ", " + value } ?? value
        }
    }
}
