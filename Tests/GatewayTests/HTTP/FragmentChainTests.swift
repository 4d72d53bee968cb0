import Gateway
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// A chain of fragment spreads nests one level per link without any nesting
/// in its text. Such a chain used to overflow a database thread's stack (where
/// executions run) and kill the server; it is now refused before anything
/// walks it, and the server goes on answering.
@Suite("Chains of fragment spreads", .serialized)
struct FragmentChainTests {
    /// `query Q { ...F0 }`, each fragment spreading the next, the last selecting `last`.
    static func chain(links: Int, last: String) -> String {
        var text = "query Q { ...F0 }\n"
        for index in 0..<links { text += "fragment F\(index) on Query { ...F\(index + 1) }\n" }
        return text + "fragment F\(links) on Query { \(last) }\n"
    }

    static func expectRefusedForNesting(_ response: TestResponse, links: Int) {
        #expect(response.status == .badRequest)
        #expect(response.body.json?["errors", 0, "extensions", "code"] == .string("MAX_NESTING_EXCEEDED"))
        #expect(
            response.body.json?["errors", 0, "message"]
                == .string(
                    "Fragment spread \"F0\" nests selection sets \(links + 2) deep; the maximum nesting depth is 64."))
    }

    @Test("a chain of 1,200 spreads is refused with MAX_NESTING_EXCEEDED, and the server answers afterwards")
    func refusedWithinTheTokenLimit() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let refused = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody(Self.chain(links: 1_200, last: "hello")))
                Self.expectRefusedForNesting(refused, links: 1_200)
                let normal = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello }"))
                #expect(normal.status == .ok)
                #expect(normal.body.text == #"{"data":{"hello":"hello world"}}"#)
            }
            #expect(fixture.calls.count == 1)
        }
    }

    @Test("with the token limit raised, a chain of 5,000 spreads is refused the same way")
    func refusedPastTheTokenLimit() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.queryLimits.maxTokens = 100_000
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                let refused = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody(Self.chain(links: 5_000, last: "hello")))
                Self.expectRefusedForNesting(refused, links: 5_000)
                let normal = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello }"))
                #expect(normal.status == .ok)
            }
        }
    }

    @Test("a chain at the nesting limit runs on a database thread and answers correctly")
    func answeredAtTheLimit() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let answered = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody(Self.chain(links: QueryLimits.maxSafeNesting - 2, last: "hello")))
                #expect(answered.status == .ok)
                #expect(answered.body.text == #"{"data":{"hello":"hello world"}}"#)
            }
        }
    }

    @Test("in development, an anonymous chain ending in __typename is refused too, and the server answers afterwards")
    func anonymousIntrospectionChain() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.allowsAnonymousIntrospection = true
        let anonymous: HTTPFields = [.contentType: "application/json"]
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                let refused = try await client.execute(
                    uri: "/graphql", method: .post, headers: anonymous,
                    body: graphQLBody(Self.chain(links: 1_200, last: "__typename")))
                Self.expectRefusedForNesting(refused, links: 1_200)
                let normal = try await client.execute(
                    uri: "/graphql", method: .post, headers: anonymous, body: graphQLBody("{ __typename }"))
                #expect(normal.status == .ok)
                #expect(normal.body.text == #"{"data":{"__typename":"Query"}}"#)
            }
            #expect(fixture.calls.count == 0)
        }
    }
}
