import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import Gateway

/// The bounded queue in front of execution: past it, a request is answered
/// at once with 503 and `Retry-After` instead of waiting without limit.
@Suite("Overload", .serialized)
struct OverloadTests {
    @Test("with every execution slot taken and the queue full, a request is answered 503 OVERLOADED with Retry-After")
    func fullQueue() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.limits.maxConcurrentExecutions = 1
        configuration.limits.maxQueuedExecutions = 1
        try await GatewayFixture.with(configuration: configuration) { fixture in
            try await fixture.live { client in
                let port = try #require(client.port)
                let headers = fixture.headers()
                /// A request on a connection of its own (one connection answers in order).
                @Sendable func post(_ query: String) async throws -> TestClient.Response {
                    try await TestClient.withClient(host: "127.0.0.1", port: port) { own in
                        try await own.execute(
                            TestClient.Request("/graphql", method: .post, headers: headers, body: graphQLBody(query)))
                    }
                }
                // One slow operation runs, a second waits in the queue...
                // Long enough that a loaded machine cannot finish it before the third request arrives.
                let running = Task { try await post("{ slow(ms: 6000) }") }
                while fixture.calls.count < 1 { try await Task.sleep(for: .milliseconds(10)) }
                let queued = Task { try await post("{ hello }") }
                while fixture.gateway.executionGate.load.queued < 1 { try await Task.sleep(for: .milliseconds(10)) }
                // ...so a third is turned away at once.
                let refused = try await post("{ hello }")
                #expect(refused.status == .serviceUnavailable)
                #expect(refused.headers[.retryAfter] == "1")
                let body = refused.body.flatMap { try? JSONValue(parsingJSON: Array($0.readableBytesView)) }
                #expect(body?["errors", 0, "extensions", "code"] == "OVERLOADED")
                #expect(body?["data"] == nil)
                // The running and the queued one are answered in full.
                #expect(try await running.value.status == .ok)
                let answered = try await queued.value
                #expect(answered.status == .ok)
                #expect(answered.body.map { String(buffer: $0) } == #"{"data":{"hello":"hello world"}}"#)
                // Once the queue has room again, requests run.
                let later = try await client.execute(
                    uri: "/graphql", method: .post, headers: fixture.headers(), body: graphQLBody("{ hello }"))
                #expect(later.status == .ok)
            }
        }
    }
}
