import Hummingbird

/// `GET /metrics` and the middleware counting every HTTP exchange by route.
enum MetricsRoutes {
    static func add(to router: Router<GatewayRequestContext>, metrics: GatewayMetrics) {
        router.get("/metrics") { _, _ -> Response in
            Response(
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
