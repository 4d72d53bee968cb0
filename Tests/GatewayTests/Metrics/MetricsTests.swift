import Gateway
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("/metrics", .serialized)
struct MetricsTests {
    @Test("requests by operation and outcome, errors by code, round trips and latency appear in Prometheus text")
    func exposition() async throws {
        try await GatewayFixture.with(configuration: GatewayConfiguration(port: 0, metricsAccess: .open)) { fixture in
            try await fixture.live { client in
                _ = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody("query Count { userCount }"))
                _ = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ nope }"))
                var anonymous = fixture.headers()
                anonymous[.authorization] = nil
                _ = try await client.execute(
                    uri: "/graphql", method: .post, headers: anonymous, body: graphQLBody("{ hello }"))

                let response = try await client.execute(uri: "/metrics", method: .get)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; version=0.0.4; charset=utf-8")
                let text = response.body.text
                #expect(text.contains(#"supportcarr_graphql_requests_total{operation="Count",outcome="success"} 1"#))
                #expect(
                    text.contains(
                        #"supportcarr_graphql_requests_total{operation="unknown",outcome="unauthenticated"} 1"#))
                #expect(text.contains(#"supportcarr_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"} 1"#))
                #expect(text.contains(#"supportcarr_graphql_errors_total{code="UNAUTHENTICATED"} 1"#))
                #expect(text.contains("supportcarr_graphql_request_duration_seconds_count 3"))
                #expect(text.contains(#"supportcarr_http_requests_total{route="/graphql",status="200"} 1"#))
                // The first request reads its key (the key, then its user and the user's two
                // profiles: four finds) and Count adds one to count users; the second finds
                // its key in the cache (unless a loaded machine took longer than the cache's
                // lifetime between the two: then four), and the anonymous one is refused
                // before any lookup.
                // swift-prometheus writes a bucket's bound as Swift prints the Double
                // (`0.0`, `6.0`); Prometheus parses `le` as a float either way.
                #expect(
                    text.contains(#"supportcarr_graphql_db_round_trips_bucket{le="0.0"} 2"#)
                        || text.contains(#"supportcarr_graphql_db_round_trips_bucket{le="0.0"} 1"#), "\(text)")
                #expect(text.contains(#"supportcarr_graphql_db_round_trips_bucket{le="6.0"} 3"#), "\(text)")
                #expect(text.contains("supportcarr_graphql_loader_batches_count 3"))
            }
        }
    }

    @Test("operation labels are bounded: past the cap new names count as other")
    func boundedLabels() {
        let metrics = GatewayMetrics(maxOperationLabels: 2)
        for name in ["A", "B", "C", "A"] {
            metrics.recordOperation(
                operation: name, outcome: .success, duration: .milliseconds(3), roundTrips: 1, loaderBatches: 0,
                errorCodes: [])
        }
        let text = metrics.prometheusText()
        #expect(text.contains(#"supportcarr_graphql_requests_total{operation="A",outcome="success"} 2"#))
        #expect(text.contains(#"supportcarr_graphql_requests_total{operation="other",outcome="success"} 1"#))
        #expect(!text.contains(#"operation="C""#))
    }

    @Test("with a token, /metrics answers only a request bearing it; without one it is not served unless open")
    func access() async throws {
        let token = "scrape-0123456789abcdef"
        let configuration = try GatewayConfiguration.fromEnvironment([
            "PORT": "0", "SUPPORTCARR_METRICS_TOKEN": token,
        ])
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                for authorization in [
                    nil, "Bearer wrong-token-0123456789", "Bearer \(token)x", "Basic \(token)", token,
                ] {
                    var headers: HTTPFields = [:]
                    if let authorization { headers[.authorization] = authorization }
                    let refused = try await client.execute(uri: "/metrics", method: .get, headers: headers)
                    #expect(refused.status == .unauthorized, "\(authorization ?? "none")")
                    #expect(refused.headers[.wwwAuthenticate] == "Bearer")
                    #expect(!refused.body.text.contains("supportcarr_"))
                }
                for authorization in ["Bearer \(token)", "bearer \(token)"] {
                    let served = try await client.execute(
                        uri: "/metrics", method: .get, headers: [.authorization: authorization])
                    #expect(served.status == .ok)
                    #expect(served.body.text.contains("supportcarr_http_requests_total"))
                }
            }
        }
        // Production without a token (the default): not served at all.
        try await GatewayFixture.with(configuration: try GatewayConfiguration.fromEnvironment(["PORT": "0"])) {
            fixture in
            try await fixture.live { client in
                let response = try await client.execute(uri: "/metrics", method: .get)
                #expect(response.status == .notFound)
                #expect(!response.body.text.contains("supportcarr_"))
            }
        }
    }

    @Test("an operation name of any length reaches the metrics label and the log line cut to 100 characters and a hash")
    func longOperationNames() async throws {
        let capture = LogCapture()
        try await GatewayFixture.with(
            configuration: GatewayConfiguration(port: 0, metricsAccess: .open), logger: capture.logger
        ) { fixture in
            try await fixture.live { client in
                let long = String(repeating: "A", count: 200_000)
                let response = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody("query \(long) { hello }"))
                #expect(response.status == .ok)
                let other = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody("query \(long)B { hello }"))
                #expect(other.status == .ok)

                let text = try await client.execute(uri: "/metrics", method: .get).body.text
                let labels = text.split(separator: "\n").filter {
                    $0.hasPrefix("supportcarr_graphql_requests_total{operation=\"AAAA")
                }
                // The two names share their first 100 characters and keep apart by their hashes.
                #expect(labels.count == 2, "\(labels)")
                for label in labels {
                    #expect(label.utf8.count < 200, "\(label.prefix(300))")
                    #expect(label.contains("\"" + String(repeating: "A", count: 100) + "~"))
                }
                #expect(text.utf8.count < 20_000)

                let operations = capture.all.compactMap { $0.metadata["graphql.operation"] }
                #expect(operations.count == 2)
                for operation in operations {
                    #expect(operation.count == 100 + 1 + 12, "\(operation.prefix(300))")
                    #expect(operation.hasPrefix(String(repeating: "A", count: 100) + "~"))
                }
                #expect(Set(operations).count == 2)
            }
        }
    }

    @Test("histogram buckets are cumulative and end in +Inf")
    func histogram() {
        let metrics = GatewayMetrics()
        for ms in [2, 20, 20_000] {
            metrics.recordOperation(
                operation: "Q", outcome: .success, duration: .milliseconds(ms), roundTrips: 0, loaderBatches: 0,
                errorCodes: [])
        }
        let text = metrics.prometheusText()
        #expect(text.contains(#"supportcarr_graphql_request_duration_seconds_bucket{le="0.0025"} 1"#))
        #expect(text.contains(#"supportcarr_graphql_request_duration_seconds_bucket{le="0.025"} 2"#))
        #expect(text.contains(#"supportcarr_graphql_request_duration_seconds_bucket{le="10.0"} 2"#))
        #expect(text.contains(#"supportcarr_graphql_request_duration_seconds_bucket{le="+Inf"} 3"#))
    }
}

@Suite("/metrics: the series below the gateway", .serialized)
struct LayerMetricsTests {
    /// The value of one series line (`name{labels} value`), nil when absent.
    static func value(_ series: String, in text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test("database commands by collection and command, and the three caches' hits and misses, are exported")
    func commandsAndCaches() async throws {
        try await GatewayFixture.with(configuration: GatewayConfiguration(port: 0, metricsAccess: .open)) { fixture in
            try await fixture.live { client in
                let query = "query Count { userCount }"
                for _ in 0..<3 {
                    _ = try await client.execute(
                        uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody(query))
                }
                // A persisted query: unknown hash (miss), registered with its text, then found (hit).
                let text = "query Persisted { hello }"
                let hash = PersistedQueryStore.sha256Hex(of: text)
                let extensions = #"{"persistedQuery":{"version":1,"sha256Hash":"\#(hash)"}}"#
                let byHash = ByteBuffer(string: #"{"extensions":\#(extensions)}"#)
                _ = try await client.execute(uri: "/graphql", method: .post, headers: fixture.headers(), body: byHash)
                _ = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(),
                    body: graphQLBody(text, extensions: extensions))
                let found = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: byHash)
                #expect(found.body.text == #"{"data":{"hello":"hello world"}}"#, "\(found.body.text)")

                let metrics = try await client.execute(uri: "/metrics", method: .get).body.text
                // The key is read from apikeys (a find) on the first request at least.
                let finds = Self.value(
                    #"supportcarr_db_command_duration_seconds_count{collection="apikeys",command="find"}"#, in: metrics)
                #expect((finds ?? 0) >= 1, "\(metrics)")
                #expect(metrics.contains("# TYPE supportcarr_db_command_duration_seconds histogram"))
                #expect(
                    metrics.contains(
                        "# HELP supportcarr_db_command_duration_seconds Database command latency by collection and command."
                    ))
                // userCount counts users: a count command on the fixture's users collection.
                #expect(
                    Self.value(
                        #"supportcarr_db_command_duration_seconds_count{collection="users",command="count"}"#,
                        in: metrics) == 3, "\(metrics)")
                func lookups(_ cache: String, _ result: String) -> Double? {
                    Self.value(#"supportcarr_cache_requests_total{cache="\#(cache)",result="\#(result)"}"#, in: metrics)
                }
                // Two distinct texts parsed once each; the Count text twice more, the persisted one once more.
                #expect(lookups("document", "miss") == 2, "\(metrics)")
                #expect(lookups("document", "hit") == 3, "\(metrics)")
                #expect(lookups("persisted_query", "miss") == 1)
                #expect(lookups("persisted_query", "hit") == 1)
                // Six authenticated requests, one key, one connection: read once, the
                // connection's later requests taking the first one's check (again when a
                // loaded machine outlived the cache's 5 s lifetime between two of them).
                #expect((lookups("api_key", "miss") ?? 0) >= 1)
                #expect((1...6).contains((lookups("api_key", "miss") ?? 0) + (lookups("api_key", "hit") ?? 0)))
            }
        }
    }

    @Test("each gateway's metrics are its own: two in one process do not see each other's counts")
    func isolation() {
        let first = GatewayMetrics()
        let second = GatewayMetrics()
        first.recordHTTP(route: "/healthz", status: 200)
        first.recordRateLimited(policy: .cost)
        #expect(first.prometheusText().contains(#"supportcarr_http_requests_total{route="/healthz",status="200"} 1"#))
        #expect(!second.prometheusText().contains("route=\"/healthz\""))
        #expect(second.prometheusText().contains(#"supportcarr_rate_limited_total{policy="cost"} 0"#))
    }

    @Test("the subscription hook counts a subscription while it runs, however it ends")
    func activeSubscriptions() async {
        let metrics = GatewayMetrics()
        #expect(metrics.prometheusText().contains("supportcarr_graphql_subscriptions_active 0.0\n"))
        metrics.subscriptionStarted()
        await metrics.withActiveSubscription {
            #expect(metrics.prometheusText().contains("supportcarr_graphql_subscriptions_active 2.0\n"))
        }
        struct Closed: Error {}
        await #expect(throws: Closed.self) {
            try await metrics.withActiveSubscription { throw Closed() }
        }
        metrics.subscriptionEnded()
        #expect(metrics.prometheusText().contains("supportcarr_graphql_subscriptions_active 0.0\n"))
    }
}
