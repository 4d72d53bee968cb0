import Gateway
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Automatic persisted queries over HTTP, as Apollo clients use them.
@Suite("Automatic persisted queries", .serialized)
struct PersistedQueryTests {
    static let query = "query Greeting { hello }"
    static var hash: String { PersistedQueryStore.sha256Hex(of: query) }
    static var extensions: String { #"{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}"# }

    @Test("the APQ hash is the SHA-256 of the text in lower-case hex")
    func hashFormat() {
        #expect(
            PersistedQueryStore.sha256Hex(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("a hash alone misses with PersistedQueryNotFound, registers with the text, then hits over POST and GET")
    func missRegisterHit() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let hashOnly = ByteBuffer(string: #"{"extensions":\#(Self.extensions)}"#)
                let miss = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(accept: "application/json"), body: hashOnly
                )
                #expect(miss.status == .ok)
                #expect(
                    miss.body.text
                        == #"{"errors":[{"message":"PersistedQueryNotFound","extensions":{"code":"PERSISTED_QUERY_NOT_FOUND"}}]}"#
                )
                let strictMiss = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: hashOnly)
                #expect(strictMiss.status == .badRequest)
                #expect(fixture.calls.count == 0)

                let register = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody(Self.query, extensions: Self.extensions))
                #expect(register.body.text == #"{"data":{"hello":"hello world"}}"#)

                let hit = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: hashOnly)
                #expect(hit.status == .ok)
                #expect(hit.body.text == #"{"data":{"hello":"hello world"}}"#)

                let get = try await client.execute(
                    uri: "/graphql?extensions=\(queryEncoded(Self.extensions))", method: .get,
                    headers: fixture.headers(contentType: nil))
                #expect(get.body.text == #"{"data":{"hello":"hello world"}}"#)
                #expect(fixture.calls.count == 3)
            }
        }
    }

    @Test("a hash that is not the text's SHA-256 is refused and nothing runs")
    func hashMismatch() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let wrong = #"{"persistedQuery":{"version":1,"sha256Hash":"\#(String(repeating: "ab", count: 32))"}}"#
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody(Self.query, extensions: wrong))
                #expect(response.status == .badRequest)
                #expect(
                    response.body.json?["errors", 0, "extensions", "code"] == .string("PERSISTED_QUERY_HASH_MISMATCH"))
                #expect(fixture.calls.count == 0)
            }
        }
    }

    @Test("a request that may not run its text registers nothing: anonymous, invalid, or a mutation over GET")
    func refusedRequestsRegisterNothing() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.allowsAnonymousIntrospection = true  // development: anonymous callers get this far
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                func extensions(_ text: String) -> String {
                    #"{"persistedQuery":{"version":1,"sha256Hash":"\#(PersistedQueryStore.sha256Hex(of: text))"}}"#
                }
                // Without a key, a text that reads data: 401, and its hash stays unknown.
                let anonymous = try await client.execute(
                    uri: "/graphql", method: .post, headers: [.contentType: "application/json"],
                    body: graphQLBody(Self.query, extensions: extensions(Self.query)))
                #expect(anonymous.status == .unauthorized)
                // A text that does not validate, and a mutation sent over GET.
                let invalid = "{ nope }"
                let invalidResponse = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody(invalid, extensions: extensions(invalid)))
                #expect(invalidResponse.status == .badRequest)
                let mutation = "mutation { touch }"
                let overGET = try await client.execute(
                    uri: "/graphql?query=\(queryEncoded(mutation))&extensions=\(queryEncoded(extensions(mutation)))",
                    method: .get, headers: fixture.headers(contentType: nil))
                #expect(overGET.status == .methodNotAllowed)
                #expect(await fixture.gateway.persistedQueries.count == 0)
                #expect(fixture.calls.count == 0)

                for text in [Self.query, invalid, mutation] {
                    let hashOnly = ByteBuffer(string: #"{"extensions":\#(extensions(text))}"#)
                    let miss = try await client.execute(
                        uri: "/graphql", method: .post, headers: fixture.headers(), body: hashOnly)
                    #expect(miss.body.json?["errors", 0, "extensions", "code"] == .string("PERSISTED_QUERY_NOT_FOUND"))
                }
                // Anonymous introspection may register its own text.
                let schemaQuery = "{ __typename }"
                let introspection = try await client.execute(
                    uri: "/graphql", method: .post, headers: [.contentType: "application/json"],
                    body: graphQLBody(schemaQuery, extensions: extensions(schemaQuery)))
                #expect(introspection.status == .ok)
                #expect(await fixture.gateway.persistedQueries.count == 1)
            }
        }
    }

    @Test("an unsupported version or a malformed hash is refused")
    func malformedReferences() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let version2 = #"{"persistedQuery":{"version":2,"sha256Hash":"\#(Self.hash)"}}"#
                let v2 = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody(Self.query, extensions: version2))
                #expect(v2.body.json?["errors", 0, "extensions", "code"] == .string("PERSISTED_QUERY_NOT_SUPPORTED"))
                let short = #"{"persistedQuery":{"version":1,"sha256Hash":"abc"}}"#
                let bad = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody(Self.query, extensions: short))
                #expect(bad.status == .badRequest)
                #expect(bad.body.json?["errors", 0, "extensions", "code"] == .string("BAD_REQUEST"))
            }
        }
    }

    @Test("the store is bounded: past its capacity the oldest registration is forgotten")
    func bounded() async {
        let store = PersistedQueryStore(maxEntries: 2)
        await store.register("{ a }", hash: "a")
        await store.register("{ b }", hash: "b")
        await store.register("{ c }", hash: "c")
        #expect(await store.count == 2)
        #expect(await store.text(forHash: "a") == nil)
        #expect(await store.text(forHash: "b") == "{ b }")
        #expect(await store.text(forHash: "c") == "{ c }")
    }

    @Test("the store is bounded by bytes too")
    func boundedBytes() async {
        let store = PersistedQueryStore(maxEntries: 100, maxBytes: 10)
        await store.register("123456", hash: "x")
        await store.register("abcdef", hash: "y")
        #expect(await store.text(forHash: "x") == nil)
        #expect(await store.text(forHash: "y") == "abcdef")
        await store.register(String(repeating: "z", count: 11), hash: "z")
        #expect(await store.text(forHash: "z") == nil)
    }
}
