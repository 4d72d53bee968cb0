import GraphQLEngine
import Hummingbird
import MongoStore

/// `GET /metrics` and the middleware counting every HTTP exchange by route.
enum MetricsRoutes {
    /// The text format's media type
    /// (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format),
    /// the one swift-prometheus' registry writes.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Mounts `/metrics` as `access` allows: not at all when disabled, and
    /// behind the bearer token when there is one (401 with
    /// `WWW-Authenticate: Bearer` without it).
    static func add(
        to router: Router<GatewayRequestContext>, metrics: GatewayMetrics, documentCache: DocumentCache?,
        access: MetricsAccess
    ) {
        guard access != .disabled else { return }
        router.get("/metrics") { request, _ -> Response in
            guard access.admits(authorization: request.headers[.authorization]) else {
                return Response(
                    status: .unauthorized,
                    headers: [.wwwAuthenticate: "Bearer", .contentType: "text/plain; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: "A metrics token is required\n")))
            }
            await metrics.collect(documentCache: documentCache)
            return Response(
                status: .ok, headers: [.contentType: contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.prometheusText())))
        }
    }
}

/// Counts each exchange by its matched route (not the raw path, which a
/// client could vary without bound) and status, and has the database
/// commands the request makes measured into this gateway's registry.
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let metrics: GatewayMetrics
    let instrumentation: CommandInstrumentation

    func handle(
        _ request: Request, context: GatewayRequestContext,
        next: (Request, GatewayRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            let response = try await CommandInstrumentation.$current.withValue(instrumentation) {
                try await next(request, context)
            }
            metrics.recordHTTP(route: context.endpointPath ?? "unmatched", status: Int(response.status.code))
            return response
        } catch let error as any HTTPResponseError {
            metrics.recordHTTP(route: context.endpointPath ?? "unmatched", status: Int(error.status.code))
            throw error
        } catch {
            metrics.recordHTTP(route: context.endpointPath ?? "unmatched", status: 500)
            throw error
        }
    }
}
