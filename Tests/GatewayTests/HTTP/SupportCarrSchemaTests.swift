import Foundation
import Gateway
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import NIOCore
import Resolvers
import Testing

/// The gateway serving the real `Schema.graphql` with its resolvers.
@Suite("The gateway over the SupportCarr schema", .serialized)
struct SupportCarrSchemaTests {
    static func schema() throws -> ExecutableSchema {
        let path = DatabaseScript.root.appendingPathComponent("Schema.graphql").path
        return try SupportCarrSchema.make(sdl: try String(contentsOfFile: path, encoding: .utf8))
    }

    @Test("Query.me answers the API key's user, read from MongoDB through a loader")
    func me() async throws {
        try await GatewayFixture.with(schema: try Self.schema()) { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody("query Me { me { id role } }"))
                #expect(response.status == .ok)
                #expect(response.body.text == #"{"data":{"me":{"id":"\#(fixture.userID.hex)","role":"ADMIN"}}}"#)

                let metrics = try await client.execute(uri: "/metrics", method: .get)
                #expect(metrics.body.text.contains(#"supportcarr_graphql_loader_batches_bucket{le="0"} 0"#))
                #expect(metrics.body.text.contains(#"supportcarr_graphql_loader_batches_bucket{le="1"} 1"#))
            }
        }
    }

    @Test("introspection of the schema works over HTTP")
    func introspection() async throws {
        try await GatewayFixture.with(schema: try Self.schema()) { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql?query=\(queryEncoded("{ __schema { queryType { name } mutationType { name } } }"))",
                    method: .get, headers: fixture.headers(contentType: nil))
                #expect(
                    response.body.text
                        == #"{"data":{"__schema":{"queryType":{"name":"Query"},"mutationType":{"name":"Mutation"}}}}"#)
            }
        }
    }
}
