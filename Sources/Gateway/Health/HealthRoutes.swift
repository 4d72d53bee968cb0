import Hummingbird

/// `GET /healthz` (the process answers) and `GET /readyz` (the readiness
/// probe agrees: the database answers, and whatever else the server adds).
/// Both bodies are a few words of plain text (for a 503, the probe's reason):
/// probes read the status.
enum HealthRoutes {
    static func add(to router: Router<GatewayRequestContext>, readiness: any ReadinessProbe) {
        router.get("/healthz") { _, _ -> Response in
            text("ok\n", status: .ok)
        }
        router.get("/readyz") { _, _ -> Response in
            if let reason = await readiness.unreadyReason() {
                return text(reason + "\n", status: .serviceUnavailable)
            }
            return text("ready\n", status: .ok)
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
