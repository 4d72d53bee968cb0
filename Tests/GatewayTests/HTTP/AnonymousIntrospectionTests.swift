import Gateway
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Anonymous introspection", .serialized)
struct AnonymousIntrospectionTests {
    static var anonymousHeaders: HTTPFields { [.contentType: "application/json"] }

    @Test("off (the default): introspection without a key is 401")
    func offByDefault() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: Self.anonymousHeaders,
                    body: graphQLBody("{ __schema { queryType { name } } }"))
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test("on: an introspection-only operation runs without a key; anything reaching a resolver is 401")
    func onForIntrospectionOnly() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.allowsAnonymousIntrospection = true
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                let schema = try await client.execute(
                    uri: "/graphql", method: .post, headers: Self.anonymousHeaders,
                    body: graphQLBody("{ __typename __schema { queryType { name } } }"))
                #expect(schema.status == .ok)
                #expect(
                    schema.body.text == #"{"data":{"__typename":"Query","__schema":{"queryType":{"name":"Query"}}}}"#)

                for query in [
                    "{ __typename hello }",
                    "{ ...F } fragment F on Query { __typename hello }",
                    "{ ... on Query { hello } }",
                    "mutation { touch }",
                ] {
                    let refused = try await client.execute(
                        uri: "/graphql", method: .post, headers: Self.anonymousHeaders, body: graphQLBody(query))
                    #expect(refused.status == .unauthorized, "\(query)")
                    #expect(refused.headers[.wwwAuthenticate] == "Bearer")
                    #expect(refused.body.json?["errors", 0, "extensions", "code"] == .string("UNAUTHENTICATED"))
                }
                #expect(fixture.calls.count == 0)

                // With a key, everything runs as usual.
                let keyed = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello }"))
                #expect(keyed.status == .ok)
            }
        }
    }
}
