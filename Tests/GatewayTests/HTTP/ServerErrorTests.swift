import Enforcement
import Gateway
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Resolvers
import Testing

@Suite("Server errors stay generic", .serialized)
struct ServerErrorTests {
    /// An authenticator whose store fails (the database is gone).
    struct FailingAuthenticator: RequestAuthenticator {
        struct StoreDown: Error, CustomStringConvertible {
            var description: String { "No suitable servers found: serverSelectionTimeoutMS expired at 127.0.0.1:27017" }
        }

        func authenticate(headers: [(name: String, value: String)], client: ClientInfo) async throws
            -> AccessContext
        {
            throw StoreDown()
        }
    }

    @Test("a resolver's raw error reaches the client as a generic message with the rest of the data")
    func resolverError() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello broken }"))
                #expect(response.status == .ok)
                #expect(response.body.json?["data", "hello"] == .string("hello world"))
                #expect(response.body.json?["data", "broken"] == .null)
                #expect(!response.body.text.contains("E11000"))
                #expect(!response.body.text.contains("phone_1"))
            }
        }
    }

    @Test("an authenticator that fails for the server's reasons gives 500 INTERNAL_SERVER_ERROR, no detail")
    func authenticatorFailure() async throws {
        try await GatewayFixture.with { fixture in
            let gateway = Gateway(
                configuration: GatewayConfiguration(port: 0), schema: fixture.gateway.service.schema,
                authenticator: FailingAuthenticator(), readiness: fixture.gateway.readiness,
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            try await gateway.makeApplication().test(.live) { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello }"))
                #expect(response.status == .internalServerError)
                #expect(
                    response.body.text
                        == #"{"errors":[{"message":"Internal server error","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}"#
                )
            }
            #expect(fixture.calls.count == 0)
        }
    }
}
