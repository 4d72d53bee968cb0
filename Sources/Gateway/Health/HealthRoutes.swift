import Hummingbird

/// `GET /healthz` (the process answers) and `GET /readyz` (the database
/// answers too). Both bodies are a word of plain text: probes read the status.
enum HealthRoutes {
    static func add(to router: Router<GatewayRequestContext>, readiness: any ReadinessProbe) {
        router.get("/healthz") { _, _ -> Response in
            text("ok\n", status: .ok)
        }
        router.get("/readyz") { _, _ -> Response in
            await readiness.isReady()
                ? text("ready\n", status: .ok)
                : text("database unreachable\n", status: .serviceUnavailable)
        }
    }

    static func text(_ text: String, status: HTTPResponse.Status) -> Response {
        var response = Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
