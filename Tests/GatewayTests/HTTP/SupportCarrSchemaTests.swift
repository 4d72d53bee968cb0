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
        let path = LiveDatabase.repositoryRoot.appendingPathComponent("Schema.graphql").path
        return try SupportCarrSchema.make(
            sdl: try String(contentsOfFile: path, encoding: .utf8), security: .development)
    }

    @Test("Query.me answers the API key's user, read from MongoDB through a loader")
    func me() async throws {
        try await GatewayFixture.with(
            configuration: GatewayConfiguration(port: 0, metricsAccess: .open), schema: try Self.schema()
        ) { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody("query Me { me { id role } }"))
                #expect(response.status == .ok)
                #expect(response.body.text == #"{"data":{"me":{"id":"\#(fixture.userID.hex)","role":"ADMIN"}}}"#)

                let metrics = try await client.execute(uri: "/metrics", method: .get)
                #expect(metrics.body.text.contains(#"supportcarr_graphql_loader_batches_bucket{le="0.0"} 0"#))
                #expect(metrics.body.text.contains(#"supportcarr_graphql_loader_batches_bucket{le="1.0"} 1"#))
                // The loader's one batch asked for one key, with one find on users.
                #expect(metrics.body.text.contains(#"supportcarr_graphql_loader_batch_keys_bucket{le="1.0"} 1"#))
                #expect(
                    metrics.body.text.contains(
                        #"supportcarr_db_command_duration_seconds_count{collection="users",command="find"} "#))
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

    @Test(
        "the production limits answer before any resolver: page size over 100 (also from a variable) and introspection")
    func productionLimits() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.queryLimits = .production
        try await GatewayFixture.with(configuration: configuration, schema: try Self.schema()) { fixture in
            try await fixture.live { client in
                let fits = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody("{ users(first: 100) { totalCount } }"))
                #expect(fits.status == .ok)
                #expect(fits.body.json?["data", "users", "totalCount"] == .int(1))

                let literal = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody("{ users(first: 101) { totalCount } }"))
                #expect(literal.status == .badRequest)
                #expect(literal.body.json?["errors", 0, "extensions", "code"] == .string("PAGE_SIZE_EXCEEDED"))

                let variable = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody("query($n: Int) { users(first: $n) { totalCount } }", variables: #"{"n":101}"#))
                #expect(variable.status == .badRequest)
                #expect(variable.body.json?["errors", 0, "extensions", "code"] == .string("PAGE_SIZE_EXCEEDED"))

                let introspection = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody("{ __schema { queryType { name } } }"))
                #expect(introspection.status == .badRequest)
                #expect(
                    introspection.body.json?["errors", 0, "extensions", "code"] == .string("INTROSPECTION_DISABLED"))
            }
        }
    }
}
