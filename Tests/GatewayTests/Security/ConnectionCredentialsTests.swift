import Enforcement
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MongoStore
import NIOCore
import Security
import Synchronization
import Testing

@testable import Gateway

/// A keep-alive connection's requests with the same key are checked once
/// while the key's cached record is current (`ConnectionCredentials`).
@Suite("Credentials kept per connection", .serialized)
struct ConnectionCredentialsTests {
    static let openMetrics = GatewayConfiguration(port: 0, metricsAccess: .open)

    /// The key cache's lookups (hits and misses) so far.
    static func keyLookups(_ client: any TestClientProtocol) async throws -> Double {
        let text = try await client.execute(uri: "/metrics", method: .get).body.text
        return ["hit", "miss"].reduce(0) { total, result in
            total
                + (LayerMetricsTests.value(
                    #"supportcarr_cache_requests_total{cache="api_key",result="\#(result)"}"#, in: text) ?? 0)
        }
    }

    static func typename(_ client: any TestClientProtocol, key: String) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json", .accept: "application/graphql-response+json"]
        headers[.authorization] = "Bearer \(key)"
        return try await client.execute(
            uri: "/graphql", method: .post, headers: headers, body: graphQLBody("{ __typename }"))
    }

    @Test("five requests with one key on one connection: the key is looked up once")
    func checkedOnce() async throws {
        try await GatewayFixture.with(configuration: Self.openMetrics, keyCacheLifetime: .seconds(60)) { fixture in
            try await fixture.live { client in
                for _ in 0..<5 {
                    let response = try await Self.typename(client, key: fixture.apiKey)
                    #expect(response.status == .ok)
                    #expect(response.body.text == #"{"data":{"__typename":"Query"}}"#)
                }
                #expect(try await Self.keyLookups(client) == 1)
            }
        }
    }

    @Test("a key revoked meanwhile is refused on the same connection once the cache's lifetime has passed")
    func revocationOnAKeptConnection() async throws {
        let lifetime = Duration.milliseconds(400)
        try await GatewayFixture.with(keyCacheLifetime: lifetime) { fixture in
            let repository = APIKeyRepository(database: fixture.database, hasher: .development)
            let created = try await repository.create(
                userId: fixture.userID, name: "revoked meanwhile", permissions: .everything, kind: .test)
            try await fixture.live { client in
                #expect(try await Self.typename(client, key: created.token.text).status == .ok)
                #expect(try await repository.revoke(id: created.key.id))
                try await Task.sleep(for: lifetime + .milliseconds(100))
                let refused = try await Self.typename(client, key: created.token.text)
                #expect(refused.status == .unauthorized)
                #expect(refused.body.json?["errors", 0, "extensions", "code"] == .string("UNAUTHENTICATED"))
                // The fixture's own key, on the same connection, still works.
                #expect(try await Self.typename(client, key: fixture.apiKey).status == .ok)
            }
        }
    }

    @Test("another key on the same connection is checked: a wrong one refused, the right one answered again")
    func anotherKeyIsChecked() async throws {
        try await GatewayFixture.with(configuration: Self.openMetrics, keyCacheLifetime: .seconds(60)) { fixture in
            try await fixture.live { client in
                #expect(try await Self.typename(client, key: fixture.apiKey).status == .ok)
                // Same length and prefix, one character changed at the end.
                var wrong = Array(fixture.apiKey.utf8)
                wrong[wrong.count - 1] =
                    wrong[wrong.count - 1] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
                let refused = try await Self.typename(client, key: String(decoding: wrong, as: UTF8.self))
                #expect(refused.status == .unauthorized)
                #expect(try await Self.typename(client, key: fixture.apiKey).status == .ok)
                // The wrong key was looked up (its prefix is the right key's: a cache hit), the right one again after it.
                #expect(try await Self.keyLookups(client) == 3)
            }
        }
    }

    @Test(
        "kept credentials: other bytes miss, an authenticator that declines is forgotten, one without reuse is not kept"
    )
    func keptCredentials() async throws {
        try await TestDatabase.with { _, database in
            let access = AccessContext(database: database, principal: .trusted)
            let credentials = ConnectionCredentials()
            let presented = ConnectionCredentials.presented([("authorization", "Bearer sk_test_a")])
            credentials.remember(presented, as: Authentication(access: access, again: nil))
            #expect(credentials.again(for: presented, client: ClientInfo()) == nil)

            let answers = Answers()
            credentials.remember(presented, as: Authentication(access: access) { _ in answers.next(access) })
            #expect(credentials.again(for: presented, client: ClientInfo()) != nil)
            let other = ConnectionCredentials.presented([("authorization", "Bearer sk_test_b")])
            #expect(credentials.again(for: other, client: ClientInfo()) == nil)
            #expect(answers.count == 1)
            answers.declines = true
            #expect(credentials.again(for: presented, client: ClientInfo()) == nil)
            answers.declines = false
            // Forgotten after the refusal: not asked again.
            #expect(credentials.again(for: presented, client: ClientInfo()) == nil)
            #expect(answers.count == 2)
        }
    }

    /// An `again` that counts its calls and answers until told to decline.
    final class Answers: Sendable {
        private let state = Mutex((count: 0, declines: false))
        var count: Int { state.withLock { $0.count } }
        var declines: Bool {
            get { state.withLock { $0.declines } }
            set { state.withLock { $0.declines = newValue } }
        }

        func next(_ access: AccessContext) -> AccessContext? {
            state.withLock { state in
                state.count += 1
                return state.declines ? nil : access
            }
        }
    }
}
