import Gateway
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

@Suite("Graceful shutdown", .serialized)
struct GracefulShutdownTests {
    /// Stands in for the database's place in the group: records what had
    /// finished when it was told to stop.
    struct RecordingService: Service {
        final class Seen: Sendable {
            let value = Mutex<Int?>(nil)
        }
        let calls: TestSchema.Calls
        let seen = Seen()

        func run() async throws {
            try? await gracefulShutdown()
            seen.value.withLock { $0 = calls.slowFinished }
        }
    }

    @Test("on shutdown a request in flight finishes with its answer, then the server stops, then the database")
    func requestInFlightFinishes() async throws {
        try await GatewayFixture.with { fixture in
            let (ports, portSink) = AsyncStream<Int>.makeStream()
            let app = fixture.gateway.makeApplication { port in portSink.yield(port) }
            let recorder = RecordingService(calls: fixture.calls)
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [recorder, app], logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
                ))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = ports.makeAsyncIterator()
                let port = try #require(await iterator.next())
                let headers = fixture.headers()
                async let inFlight = TestClient.withClient(host: "127.0.0.1", port: port) { client in
                    try await client.execute(
                        TestClient.Request(
                            "/graphql", method: .post, headers: headers, body: graphQLBody("{ slow(ms: 1000) }")))
                }
                // Shut down once the request is being executed (bounded: a
                // request that failed before executing must fail the test, not hang it).
                let started = ContinuousClock.now
                while fixture.calls.count == 0 {
                    try #require(ContinuousClock.now - started < .seconds(60), "the slow request never started")
                    try await Task.sleep(for: .milliseconds(20))
                }
                await group.triggerGracefulShutdown()
                let response = try await inFlight
                #expect(response.status == .ok)
                #expect(response.body.map { String(buffer: $0) } == #"{"data":{"slow":"slept 1000"}}"#)
                try await tasks.next()  // the group has stopped
                #expect(recorder.seen.value.withLock { $0 } == 1, "the database stopped before the request finished")

                // Nothing listens any more.
                await #expect(throws: (any Error).self) {
                    try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                        try await client.execute(TestClient.Request("/healthz", method: .get))
                    }
                }
            }
        }
    }
}
