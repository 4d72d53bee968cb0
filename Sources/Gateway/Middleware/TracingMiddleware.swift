import Hummingbird
import Tracing

/// The request's span, outermost on the router: a server span named by the
/// method and the matched route (`POST /graphql`; never the raw path or the
/// query string, which can carry a whole document), the child of the span
/// named by the request's `traceparent` header when it has a valid one
/// (https://www.w3.org/TR/trace-context/#traceparent-header). Everything the
/// request does runs with the span's context current, so the engine's
/// stages, the database commands and every log line
/// (`Logger.MetadataProvider.traceContext`) find it. Installed only when
/// tracing is on.
struct TracingMiddleware<T: Tracer>: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let tracer: T

    func handle(
        _ request: Request, context: GatewayRequestContext,
        next: (Request, GatewayRequestContext) async throws -> Response
    ) async throws -> Response {
        var parent = ServiceContext.current ?? .topLevel
        tracer.extract(request.headers, into: &parent, using: HTTPFieldsExtractor())
        let method = request.method.rawValue
        return try await tracer.withSpan(method, context: parent, ofKind: .server) { span in
            span.attributes["http.request.method"] = method
            do {
                let response = try await next(request, context)
                finish(span, method: method, context: context, status: Int(response.status.code))
                return response
            } catch let error as any HTTPResponseError {
                finish(span, method: method, context: context, status: Int(error.status.code))
                throw error
            }
        }
    }

    /// Names the span by its route once routing has matched one, and records
    /// the status (a 5xx is an error on a server span:
    /// https://opentelemetry.io/docs/specs/semconv/http/http-spans/#status).
    private func finish(_ span: T.Span, method: String, context: GatewayRequestContext, status: Int) {
        if let route = context.endpointPath {
            span.operationName = "\(method) \(route)"
            span.attributes["http.route"] = route
        }
        span.attributes["http.response.status_code"] = status
        if status >= 500 { span.setStatus(SpanStatus(code: .error)) }
    }
}

/// Reads a header of a Hummingbird request for `Tracer.extract`.
struct HTTPFieldsExtractor: Extractor {
    func extract(key: String, from fields: HTTPFields) -> String? {
        // Field names are case-insensitive; HTTPFields keeps them lower-cased as canonicalName.
        fields.first { $0.name.canonicalName == key }?.value
    }
}
