import Gateway
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Request logs", .serialized)
struct RequestLogTests {
    @Test("one line per request with operation, status, duration and error codes, and no variable values")
    func oneLinePerRequest() async throws {
        let capture = LogCapture()
        try await GatewayFixture.with(logger: capture.logger) { fixture in
            try await fixture.live { client in
                let secret = "rider-phone-+15551234567"
                let body = ByteBuffer(
                    string: #"{"query":"query Greet($n: String) { hello(name: $n) }","variables":{"n":"\#(secret)"}}"#)
                _ = try await client.execute(uri: "/graphql", method: .post, headers: fixture.headers(), body: body)
                _ = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ nope }"))
                let lines = capture.all.filter { $0.message == "graphql request" }
                try #require(lines.count == 2)
                #expect(lines[0].metadata["graphql.operation"] == "Greet")
                #expect(lines[0].metadata["http.status"] == "200")
                #expect(lines[0].metadata["graphql.outcome"] == "success")
                #expect(lines[0].metadata["duration_ms"] != nil)
                #expect(lines[1].metadata["http.status"] == "400")
                #expect(lines[1].metadata["graphql.error_codes"] == "GRAPHQL_VALIDATION_FAILED")
                for record in capture.all {
                    let text = record.message + record.metadata.map { "\($0.key)=\($0.value)" }.joined()
                    #expect(!text.contains(secret))
                    #expect(!text.contains(fixture.apiKey))
                }
            }
        }
    }
}
