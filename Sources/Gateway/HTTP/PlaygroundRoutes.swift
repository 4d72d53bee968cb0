import Hummingbird

/// `GET /playground` and its files, when the gateway was given assets.
enum PlaygroundRoutes {
    static func add(to router: Router<GatewayRequestContext>, assets: any PlaygroundAssets) {
        router.get("/playground") { _, _ -> Response in
            serve(assets.asset(at: ""))
        }
        router.get("/playground/**") { _, context -> Response in
            serve(assets.asset(at: context.parameters.getCatchAll().joined(separator: "/")))
        }
    }

    static func serve(_ asset: PlaygroundAsset?) -> Response {
        guard let asset else {
            return HealthRoutes.text("not found\n", status: .notFound)
        }
        return Response(
            status: .ok, headers: [.contentType: asset.contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: asset.bytes)))
    }
}
