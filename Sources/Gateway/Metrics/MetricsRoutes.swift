import Hummingbird

/// `GET /metrics` and the middleware counting every HTTP exchange by route.
enum MetricsRoutes {
    /// Mounts `/metrics` as `access` allows: not at all when disabled, and
    /// behind the bearer token when there is one (401 with
    /// `WWW-Authenticate: Bearer` without it).
    static func add(to router: Router<GatewayRequestContext>, metrics: GatewayMetrics, access: MetricsAccess) {
        guard access != .disabled else { return }
        router.get("/metrics") { request, _ -> Response in
            guard access.admits(authorization: request.headers[.authorization]) else {
                return Response(
                    status: .unauthorized,
                    headers: [.wwwAuthenticate: "Bearer", .contentType: "text/plain; charset=utf-8"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: "A metrics token is required\n")))
            }
            return Response(
                status: .ok, headers: [.contentType: PrometheusText.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: metrics.prometheusText())))
        }
    }
}

/// Counts each exchange by its matched route (not the raw path, which a
/// client could vary without bound) and status.
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let metrics: GatewayMetrics

    func handle(
        _ request: Request, context: GatewayRequestContext,
        next: (Request, GatewayRequestContext) async throws -> Response
    ) async throws -> Response {
        do {
            let response = try await next(request, context)
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
