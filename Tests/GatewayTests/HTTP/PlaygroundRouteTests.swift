import Gateway
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("The /playground hook", .serialized)
struct PlaygroundRouteTests {
    struct Assets: PlaygroundAssets {
        func asset(at path: String) -> PlaygroundAsset? {
            switch path {
            case "": PlaygroundAsset(contentType: "text/html; charset=utf-8", bytes: Array("<html>pg</html>".utf8))
            case "js/app.js": PlaygroundAsset(contentType: "text/javascript", bytes: Array("run()".utf8))
            default: nil
            }
        }
    }

    @Test("the page and its files come from the asset provider; unknown files are 404")
    func servesAssets() async throws {
        try await GatewayFixture.with(playground: Assets()) { fixture in
            try await fixture.live { client in
                let page = try await client.execute(uri: "/playground", method: .get)
                #expect(page.status == .ok)
                #expect(page.headers[.contentType] == "text/html; charset=utf-8")
                #expect(page.body.text == "<html>pg</html>")
                let script = try await client.execute(uri: "/playground/js/app.js", method: .get)
                #expect(script.body.text == "run()")
                let missing = try await client.execute(uri: "/playground/nope.css", method: .get)
                #expect(missing.status == .notFound)
            }
        }
    }

    @Test("without a provider there is no /playground route")
    func noProvider() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(uri: "/playground", method: .get)
                #expect(response.status == .notFound)
            }
        }
    }
}
