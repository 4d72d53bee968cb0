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
                #expect(
                    text.contains(#"supportcarr_graphql_db_round_trips_bucket{le="0"} 2"#)
                        || text.contains(#"supportcarr_graphql_db_round_trips_bucket{le="0"} 1"#), "\(text)")
                #expect(text.contains(#"supportcarr_graphql_db_round_trips_bucket{le="6"} 3"#), "\(text)")
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
        #expect(text.contains(#"supportcarr_graphql_request_duration_seconds_bucket{le="10"} 2"#))
        #expect(text.contains(#"supportcarr_graphql_request_duration_seconds_bucket{le="+Inf"} 3"#))
    }
}
