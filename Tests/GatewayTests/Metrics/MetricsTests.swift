import Gateway
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("/metrics", .serialized)
struct MetricsTests {
    @Test("requests by operation and outcome, errors by code, round trips and latency appear in Prometheus text")
    func exposition() async throws {
        try await GatewayFixture.with { fixture in
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
