import Gateway
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The transport's limits, each with an input just under and just over it.
@Suite("Request limits", .serialized)
struct LimitTests {
    /// `{"query":"{ hello }"}` padded with trailing spaces (valid JSON) to exactly `size` bytes.
    static func paddedBody(size: Int) -> ByteBuffer {
        let base = #"{"query":"{ hello }"}"#
        return ByteBuffer(string: base + String(repeating: " ", count: size - base.utf8.count))
    }

    @Test("a body of exactly the limit is served; one byte more is 413 REQUEST_TOO_LARGE")
    func bodySize() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.limits.maxBodyBytes = 4_096
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                let atLimit = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: Self.paddedBody(size: 4_096))
                #expect(atLimit.status == .ok)
                #expect(atLimit.body.text == #"{"data":{"hello":"hello world"}}"#)
            }
            try await fixture.live { client in
                let over = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: Self.paddedBody(size: 4_097))
                #expect(over.status == .contentTooLarge)
                #expect(over.body.json?["errors", 0, "extensions", "code"] == .string("REQUEST_TOO_LARGE"))
                #expect(
                    over.body.json?["errors", 0, "message"]
                        == .string("Request body is larger than the limit of 4096 bytes"))
            }
            #expect(fixture.calls.count == 1)
        }
    }

    @Test("the default body limit is 1 MiB")
    func defaultBodyLimit() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let atLimit = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: Self.paddedBody(size: 1 << 20))
                #expect(atLimit.status == .ok)
            }
            try await fixture.live { client in
                let over = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: Self.paddedBody(size: (1 << 20) + 1))
                #expect(over.status == .contentTooLarge)
            }
        }
    }

    @Test("an operation within the time limit is served; one past it is answered TIMEOUT at the limit")
    func executionTimeout() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.limits.executionTimeout = .milliseconds(1_500)
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                let quick = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ slow(ms: 100) }"))
                #expect(quick.status == .ok)
                #expect(quick.body.text == #"{"data":{"slow":"slept 100"}}"#)

                let clock = ContinuousClock()
                let start = clock.now
                // A resolver that would take 30 s: an answer well before that came
                // at the limit (the bound allows a loaded machine's late timers).
                let late = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ slow(ms: 30000) }")
                )
                let elapsed = clock.now - start
                #expect(late.status == .gatewayTimeout)
                #expect(late.body.json?["errors", 0, "extensions", "code"] == .string("TIMEOUT"))
                #expect(
                    late.body.json?["errors", 0, "message"]
                        == .string("The operation did not finish within the time limit of 1500 ms"))
                #expect(elapsed >= .milliseconds(1_500) && elapsed < .seconds(15), "answered after \(elapsed)")
            }
        }
    }

    @Test("the engine's own deadline (QueryLimits.executionTimeout) is answered as the same 504 TIMEOUT")
    func engineDeadline() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.queryLimits.executionTimeout = .milliseconds(200)
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                let late = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ slow(ms: 600) }"))
                #expect(late.status == .gatewayTimeout)
                #expect(late.body.json?["errors", 0, "extensions", "code"] == .string("TIMEOUT"))
                #expect(late.body.json?["data"] == nil)
            }
        }
    }
}
