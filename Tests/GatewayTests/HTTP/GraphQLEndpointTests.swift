import Gateway
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The GraphQL-over-HTTP rules over real HTTP against a live database.
@Suite("POST and GET /graphql", .serialized)
struct GraphQLEndpointTests {
    @Test("a query over POST answers 200 with data in application/graphql-response+json")
    func postQuery() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello }"))
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/graphql-response+json; charset=utf-8")
                #expect(response.body.text == #"{"data":{"hello":"hello world"}}"#)
            }
        }
    }

    @Test("a client accepting only application/json gets application/json")
    func legacyJSON() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(accept: "application/json"),
                    body: graphQLBody("{ hello }"))
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            }
        }
    }

    @Test("no Accept header and */* both mean application/graphql-response+json")
    func defaultMediaType() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                for accept in [nil, "*/*"] as [String?] {
                    let response = try await client.execute(
                        uri: "/graphql", method: .post, headers: fixture.headers(accept: accept),
                        body: graphQLBody("{ hello }"))
                    #expect(response.headers[.contentType] == "application/graphql-response+json; charset=utf-8")
                }
            }
        }
    }

    @Test("an Accept that allows neither JSON type is answered 406")
    func notAcceptable() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(accept: "text/html"),
                    body: graphQLBody("{ hello }"))
                #expect(response.status == .notAcceptable)
                #expect(response.body.json?["errors", 0, "extensions", "code"] == .string("NOT_ACCEPTABLE"))
                #expect(fixture.calls.count == 0)
            }
        }
    }

    @Test("variables and operationName reach the executor")
    func variables() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let body = ByteBuffer(
                    string:
                        #"{"query":"query A { me } query B($n: String) { hello(name: $n) }","operationName":"B","variables":{"n":"Ada"}}"#
                )
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: body)
                #expect(response.body.text == #"{"data":{"hello":"hello Ada"}}"#)
            }
        }
    }

    @Test("a syntax error is 400 with graphql-response+json and 200 with application/json")
    func parseError() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let strict = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello "))
                #expect(strict.status == .badRequest)
                #expect(strict.body.json?["errors", 0, "extensions", "code"] == .string("GRAPHQL_PARSE_FAILED"))
                #expect(strict.body.json?["data"] == nil)
                let legacy = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(accept: "application/json"),
                    body: graphQLBody("{ hello "))
                #expect(legacy.status == .ok)
                #expect(legacy.body.json?["errors", 0, "extensions", "code"] == .string("GRAPHQL_PARSE_FAILED"))
            }
        }
    }

    @Test("a validation error is 400 with graphql-response+json and no resolver runs")
    func validationError() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ nope }"))
                #expect(response.status == .badRequest)
                #expect(response.body.json?["errors", 0, "extensions", "code"] == .string("GRAPHQL_VALIDATION_FAILED"))
                #expect(fixture.calls.count == 0)
            }
        }
    }

    @Test("variables that do not coerce are 400 with graphql-response+json (no data)")
    func badVariables() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let body = ByteBuffer(
                    string: #"{"query":"query($ms: Int!) { slow(ms: $ms) }","variables":{"ms":"soon"}}"#)
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: body)
                #expect(response.status == .badRequest)
                #expect(response.body.json?["data"] == nil)
                #expect(fixture.calls.count == 0)
            }
        }
    }

    @Test("a body that is not JSON, or a query that is not a string, is 400 under both media types")
    func malformedBodies() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                for accept in ["application/graphql-response+json", "application/json"] {
                    for body in [
                        #"{"query": "{ hello }""#, #"{"query": 42}"#, #"{"variables": {}}"#, #"[]"#, #""hello""#,
                    ] {
                        let response = try await client.execute(
                            uri: "/graphql", method: .post, headers: fixture.headers(accept: accept),
                            body: ByteBuffer(string: body))
                        #expect(response.status == .badRequest, "\(body) with \(accept)")
                    }
                }
                #expect(fixture.calls.count == 0)
            }
        }
    }

    @Test("a POST body that is not application/json is 415")
    func unsupportedMediaType() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                for contentType in ["text/plain", "application/graphql", "application/json; charset=latin1", nil]
                    as [String?]
                {
                    let response = try await client.execute(
                        uri: "/graphql", method: .post, headers: fixture.headers(contentType: contentType),
                        body: graphQLBody("{ hello }"))
                    #expect(response.status == .unsupportedMediaType, "\(contentType ?? "no content type")")
                    #expect(response.body.json?["errors", 0, "extensions", "code"] == .string("UNSUPPORTED_MEDIA_TYPE"))
                }
                let withCharset = try await client.execute(
                    uri: "/graphql", method: .post,
                    headers: fixture.headers(contentType: "application/json; charset=utf-8"),
                    body: graphQLBody("{ hello }"))
                #expect(withCharset.status == .ok)
            }
        }
    }

    @Test("a query over GET runs; a mutation over GET is 405 with Allow: POST and does not run")
    func getRules() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let query = try await client.execute(
                    uri:
                        "/graphql?query=\(queryEncoded("query($n: String) { hello(name: $n) }"))&variables=\(queryEncoded(#"{"n":"Bo"}"#))",
                    method: .get, headers: fixture.headers(contentType: nil))
                #expect(query.status == .ok)
                #expect(query.body.text == #"{"data":{"hello":"hello Bo"}}"#)
                let callsBefore = fixture.calls.count
                let mutation = try await client.execute(
                    uri: "/graphql?query=\(queryEncoded("mutation { touch }"))", method: .get,
                    headers: fixture.headers(contentType: nil))
                #expect(mutation.status == .methodNotAllowed)
                #expect(mutation.headers[.allow] == "POST")
                #expect(mutation.body.json?["errors", 0, "extensions", "code"] == .string("METHOD_NOT_ALLOWED"))
                #expect(fixture.calls.count == callsBefore)
                let post = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("mutation { touch }"))
                #expect(post.body.text == #"{"data":{"touch":1}}"#)
            }
        }
    }

    @Test("a GET without a query is 400")
    func getWithoutQuery() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .get, headers: fixture.headers(contentType: nil))
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("without a valid API key the answer is 401 UNAUTHENTICATED and no resolver runs")
    func unauthenticated() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                var missing = fixture.headers()
                missing[.authorization] = nil
                var wrong = fixture.headers()
                wrong[.authorization] = "Bearer sk_test_notAKeyAtAll0000000000000000000000000000000"
                for headers in [missing, wrong] {
                    let response = try await client.execute(
                        uri: "/graphql", method: .post, headers: headers, body: graphQLBody("{ hello }"))
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    #expect(response.body.json?["errors", 0, "extensions", "code"] == .string("UNAUTHENTICATED"))
                    #expect(response.body.json?["data"] == nil)
                }
                #expect(fixture.calls.count == 0)
            }
        }
    }

    @Test("the key's user is the request's principal")
    func principal() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ me }"))
                #expect(response.body.json?["data", "me"] == .string(fixture.userID.hex))
            }
        }
    }

    @Test("a JSON array is refused while batching is off")
    func batchingOff() async throws {
        try await GatewayFixture.with { fixture in
            try await fixture.live { client in
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: ByteBuffer(string: #"[{"query":"{ hello }"}]"#))
                #expect(response.status == .badRequest)
                #expect(response.body.json?["errors", 0, "extensions", "code"] == .string("BATCHING_DISABLED"))
                #expect(fixture.calls.count == 0)
            }
        }
    }

    @Test("with batching on, an array up to the cap answers an array in order, one over the cap is refused")
    func batchingOn() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.limits.maxBatchSize = 2
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                let two = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: ByteBuffer(
                        string:
                            #"[{"query":"{ hello }"},{"query":"query($n: String) { hello(name: $n) }","variables":{"n":"B"}}]"#
                    ))
                #expect(two.status == .ok)
                #expect(two.body.text == #"[{"data":{"hello":"hello world"}},{"data":{"hello":"hello B"}}]"#)
                let three = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: ByteBuffer(string: #"[{"query":"{ hello }"},{"query":"{ hello }"},{"query":"{ hello }"}]"#))
                #expect(three.status == .badRequest)
                #expect(three.body.json?["errors", 0, "extensions", "code"] == .string("BATCH_TOO_LARGE"))
            }
        }
    }
}
