import Gateway
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("The /playground caching and security headers", .serialized)
struct PlaygroundCachingTests {
    static let pageTag = "\"0123456789abcdef\""

    struct Assets: PlaygroundAssets {
        func asset(at path: String) -> PlaygroundAsset? {
            switch path {
            case "":
                PlaygroundAsset(
                    contentType: "text/html; charset=utf-8", bytes: Array("<html>pg</html>".utf8),
                    entityTag: PlaygroundCachingTests.pageTag)
            case "js/app.js":
                PlaygroundAsset(
                    contentType: "text/javascript; charset=utf-8", bytes: Array("run()".utf8), entityTag: "\"1\"")
            case "untagged.css": PlaygroundAsset(contentType: "text/css", bytes: Array("a{}".utf8))
            default: nil
            }
        }
    }

    static func ifNoneMatch(_ value: String) -> HTTPFields { [.ifNoneMatch: value] }

    @Test("the page carries no-cache, its ETag, nosniff and a policy that forbids framing")
    func pageHeaders() async throws {
        try await GatewayFixture.with(playground: Assets()) { fixture in
            try await fixture.live { client in
                let page = try await client.execute(uri: "/playground", method: .get)
                #expect(page.status == .ok)
                #expect(page.headers[.cacheControl] == "no-cache")
                #expect(page.headers[.eTag] == Self.pageTag)
                #expect(page.headers[.xContentTypeOptions] == "nosniff")
                let policy = page.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains("frame-ancestors 'none'"))
                #expect(policy.contains("script-src 'self'"))
                let script = try await client.execute(uri: "/playground/js/app.js", method: .get)
                #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
                #expect(script.headers[.eTag] == "\"1\"")
                #expect(script.headers[.contentSecurityPolicy] == nil)
            }
        }
    }

    @Test("a request naming the current ETag gets 304 without a body; a stale one gets the file")
    func conditionalGet() async throws {
        try await GatewayFixture.with(playground: Assets()) { fixture in
            try await fixture.live { client in
                for value in [Self.pageTag, "W/\(Self.pageTag)", "\"old\", \(Self.pageTag)", "*"] {
                    let cached = try await client.execute(
                        uri: "/playground", method: .get, headers: Self.ifNoneMatch(value))
                    #expect(cached.status == .notModified, "\(value)")
                    #expect(cached.body.readableBytes == 0)
                    #expect(cached.headers[.eTag] == Self.pageTag)
                }
                let stale = try await client.execute(
                    uri: "/playground", method: .get, headers: Self.ifNoneMatch("\"fedcba9876543210\""))
                #expect(stale.status == .ok)
                #expect(stale.body.text == "<html>pg</html>")
            }
        }
    }

    @Test("an asset without an ETag is always sent in full")
    func untagged() async throws {
        try await GatewayFixture.with(playground: Assets()) { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/playground/untagged.css", method: .get, headers: Self.ifNoneMatch("*"))
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] == nil)
                #expect(response.body.text == "a{}")
            }
        }
    }

    @Test("the root redirects to the playground when there is one")
    func rootRedirects() async throws {
        try await GatewayFixture.with(playground: Assets()) { fixture in
            try await fixture.live { client in
                let response = try await client.execute(uri: "/", method: .get)
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/playground")
            }
        }
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(uri: "/", method: .get)
                #expect(response.status == .notFound)
            }
        }
    }
}
