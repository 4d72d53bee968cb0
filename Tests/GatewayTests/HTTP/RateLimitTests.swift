import Gateway
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import MongoStore
import NIOCore
import Security
import Testing

/// Rate limits per client: requests and estimated cost a minute, by role,
/// overridden per key, and per address for anonymous callers.
@Suite("Rate limits", .serialized)
struct RateLimitTests {
    static let policy = HTTPFields.Element.Name("RateLimit-Policy")!
    static let state = HTTPFields.Element.Name("RateLimit")!

    static func retryAfter(_ response: TestResponse) -> Int? {
        response.headers[.retryAfter].flatMap { Int($0) }
    }

    @Test("past its requests a minute a key is answered 429 RATE_LIMITED with Retry-After, counted and logged")
    func requestBucket() async throws {
        var configuration = GatewayConfiguration(port: 0, metricsAccess: .open)
        configuration.rateLimits.admin = RateLimit(requestsPerMinute: 3, costPerMinute: 1_000)
        let capture = LogCapture()
        try await GatewayFixture.with(configuration: configuration, logger: capture.logger) { fixture in
            try await fixture.live { client in
                for remaining in [2, 1, 0] {
                    let served = try await client.execute(
                        uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello }"))
                    #expect(served.status == .ok)
                    // The draft's fields on successful answers too, so a client can pace itself.
                    #expect(
                        served.headers[Self.policy]
                            == #""requests";q=3;w=60, "cost";q=1000;w=60;supportcarr-unit="cost""#)
                    let state = try #require(served.headers[Self.state])
                    #expect(state.hasPrefix(#""requests";r=\#(remaining);t="#), "\(state)")
                    // Cost comes back at 1000 a minute (17 a second): at most one unit spent per request.
                    let cost = state.split(separator: ";r=").last.flatMap { Int($0.prefix { $0.isNumber }) }
                    #expect(
                        state.contains(#", "cost";r="#) && cost.map { $0 >= 1_000 - (3 - remaining) } == true,
                        "\(state)")
                }
                let refused = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello }"))
                #expect(refused.status == .tooManyRequests)
                #expect(refused.body.json?["errors", 0, "extensions", "code"] == .string("RATE_LIMITED"))
                #expect(refused.body.json?["data"] == nil)
                // One request comes back every 20 s (less the time the three took, long on a loaded machine).
                let wait = try #require(Self.retryAfter(refused))
                #expect((1...20).contains(wait), "Retry-After: \(wait)")
                let state = try #require(refused.headers[Self.state])
                #expect(state.hasPrefix(#""requests";r=0;t=\#(wait),"#), "\(state)")
                #expect(fixture.calls.count == 3)

                let metrics = try await client.execute(uri: "/metrics", method: .get).body.text
                #expect(metrics.contains(#"supportcarr_rate_limited_total{policy="requests"} 1"#), "\(metrics)")
                #expect(metrics.contains(#"supportcarr_rate_limited_total{policy="cost"} 0"#))
                #expect(
                    metrics.contains(
                        #"supportcarr_graphql_requests_total{operation="unknown",outcome="rate_limited"} 1"#))
                #expect(metrics.contains(#"supportcarr_graphql_errors_total{code="RATE_LIMITED"} 1"#))
                let line = try #require(capture.all.last { $0.metadata["http.status"] == "429" })
                #expect(line.metadata["graphql.error_codes"] == "RATE_LIMITED")
                #expect(line.metadata["graphql.outcome"] == "rate_limited")
                #expect(line.metadata["graphql.rate_limited"] == "requests")

                // Another key has a bucket of its own.
                let other = try await APIKeyRepository(database: fixture.database, hasher: .development).create(
                    userId: fixture.userID, name: "other", permissions: .everything, kind: .test)
                var headers = fixture.headers()
                headers[.authorization] = "Bearer \(other.token.text)"
                let served = try await client.execute(
                    uri: "/graphql", method: .post, headers: headers, body: graphQLBody("{ hello }"))
                #expect(served.status == .ok)
            }
        }
    }

    @Test("each operation takes its estimated cost; past the minute's cost it is 429 and nothing runs or registers")
    func costBucket() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.rateLimits.admin = RateLimit(requestsPerMinute: nil, costPerMinute: 10)
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                // Four fields: an estimated cost of 4.
                let query = "{ a: hello b: hello c: hello d: hello }"
                for remaining in [6, 2] {
                    let served = try await client.execute(
                        uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody(query))
                    #expect(served.status == .ok)
                    #expect(
                        served.headers[Self.policy]
                            == #""cost";q=10;w=60;supportcarr-unit="cost""#)
                    let state = try #require(served.headers[Self.state])
                    #expect(state.hasPrefix(#""cost";r=\#(remaining);t="#), "\(state)")
                }
                let hash = PersistedQueryStore.sha256Hex(of: query)
                let refused = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody(query, extensions: #"{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}"#))
                #expect(refused.status == .tooManyRequests)
                #expect(refused.body.json?["errors", 0, "extensions", "code"] == .string("RATE_LIMITED"))
                // Two more units are 12 s away (10 a minute), less what came back meanwhile.
                let wait = try #require(Self.retryAfter(refused))
                #expect((1...12).contains(wait), "Retry-After: \(wait)")
                let state = try #require(refused.headers[Self.state])
                #expect(state.hasPrefix(#""cost";r="#) && state.hasSuffix(";t=\(wait)"), "\(state)")
                #expect(fixture.calls.count == 8)
                #expect(await fixture.gateway.persistedQueries.count == 0)

                // A cheaper operation still fits.
                let cheap = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody("{ a: hello b: hello }"))
                #expect(cheap.status == .ok)
            }
        }
    }

    @Test("a key's own apikeys.rateLimit overrides its role's limit")
    func keyOverride() async throws {
        try await GatewayFixture.with { fixture in
            _ = try await fixture.database.collection("apikeys").updateMany(
                [:], ["$set": ["rateLimit": ["requestsPerMinute": 2]]])
            try await fixture.live { client in
                for _ in 0..<2 {
                    let served = try await client.execute(
                        uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello }"))
                    #expect(served.status == .ok)
                    // The role's cost limit stays.
                    #expect(
                        served.headers[Self.policy]
                            == #""requests";q=2;w=60, "cost";q=1000000;w=60;supportcarr-unit="cost""#)
                }
                let refused = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello }"))
                #expect(refused.status == .tooManyRequests)
                #expect(Self.retryAfter(refused).map { (1...30).contains($0) } == true)

                // A key of the same role without an override has the role's 1,200.
                let other = try await APIKeyRepository(database: fixture.database, hasher: .development).create(
                    userId: fixture.userID, name: "other", permissions: .everything, kind: .test)
                var headers = fixture.headers()
                headers[.authorization] = "Bearer \(other.token.text)"
                let served = try await client.execute(
                    uri: "/graphql", method: .post, headers: headers, body: graphQLBody("{ hello }"))
                #expect(served.status == .ok)
                #expect(
                    served.headers[Self.policy]
                        == #""requests";q=1200;w=60, "cost";q=1000000;w=60;supportcarr-unit="cost""#)
            }
        }
    }

    @Test("anonymous introspection (development) is limited per client address")
    func anonymousPerAddress() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.allowsAnonymousIntrospection = true
        configuration.rateLimits.anonymous = RateLimit(requestsPerMinute: 2, costPerMinute: nil)
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                let anonymous: HTTPFields = [.contentType: "application/json"]
                for _ in 0..<2 {
                    let served = try await client.execute(
                        uri: "/graphql", method: .post, headers: anonymous, body: graphQLBody("{ __typename }"))
                    #expect(served.status == .ok)
                    #expect(served.headers[Self.policy] == #""requests";q=2;w=60"#)
                }
                let refused = try await client.execute(
                    uri: "/graphql", method: .post, headers: anonymous, body: graphQLBody("{ __typename }"))
                #expect(refused.status == .tooManyRequests)
                #expect(refused.body.json?["errors", 0, "extensions", "code"] == .string("RATE_LIMITED"))
                #expect(fixture.gateway.rateLimiter.count == 1)

                // A key from the same address is counted as the key.
                let keyed = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello }"))
                #expect(keyed.status == .ok)
            }
        }
    }
}
