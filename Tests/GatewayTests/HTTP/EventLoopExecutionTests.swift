import Dispatch
import GraphQLEngine
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing

@testable import Gateway

/// Connections handled on their own event loop (`EventLoopTaskExecutor`,
/// `EventLoopBoundChannel`): the handler's work runs there, and nothing that
/// blocks a database thread can hold up the answers the loop gives.
@Suite struct EventLoopExecutionTests {
    @Test func aTaskThatPrefersTheLoopRunsThereAndComesBackToItAfterAnAwait() async {
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let (before, after) = await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) {
            let before = loop.inEventLoop
            // Resumed from a thread of its own, as a database call's answer is.
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async { continuation.resume() }
            }
            return (before, loop.inEventLoop)
        }
        #expect(before)
        #expect(after)
    }

    /// The same route behind Hummingbird's own HTTP/1 channel and behind the
    /// bound one: only the second answers from an event loop, so the first
    /// shows the check can fail.
    @Test func aConnectionsHandlersRunOnItsEventLoop() async throws {
        func whereHandlersRun(_ server: HTTPServerBuilder) async throws -> String {
            let router = Router()
            router.get("/where") { _, _ in
                MultiThreadedEventLoopGroup.currentEventLoop == nil ? "elsewhere" : "event loop"
            }
            let app = Application(router: router, server: server, configuration: .init(address: .hostname(port: 0)))
            return try await app.test(.live) { client in
                var answers: Set<String> = []
                for _ in 0..<3 {
                    let response = try await client.execute(uri: "/where", method: .get)
                    answers.insert(String(buffer: response.body))
                }
                return answers.sorted().joined(separator: ",")
            }
        }
        #expect(try await whereHandlersRun(.http1()) == "elsewhere")
        #expect(
            try await whereHandlersRun(HTTPServerBuilder { EventLoopBoundChannel(base: HTTP1Channel(responder: $0)) })
                == "event loop")
    }

    /// One execution thread (`DeadlineTests.QueueExecutor`, a serial queue), taken by an operation that
    /// blocks it for 20 s: that request is answered `TIMEOUT` at its limit, a
    /// second one that cannot even start is too, and `{ __typename }`, which
    /// needs no execution thread, is answered meanwhile; all three while the
    /// thread is still blocked. Each request on a connection of its own (one
    /// connection answers in order); the time bounds leave room for a loaded
    /// machine (the full suite).
    @Test(.timeLimit(.minutes(1))) func answersComeWhileEveryExecutionThreadIsBlocked() async throws {
        var configuration = GatewayConfiguration(port: 0)
        configuration.limits.executionTimeout = .milliseconds(800)
        try await GatewayFixture.with(configuration: configuration, requestExecutor: DeadlineTests.QueueExecutor()) {
            fixture in
            let headers = fixture.headers()
            try await fixture.live { client in
                let port = try #require(client.port)
                @Sendable func post(_ query: String) async throws -> TestClient.Response {
                    let connection = TestClient(host: "127.0.0.1", port: port)
                    connection.connect()
                    defer { Task { try? await connection.shutdown() } }
                    return try await connection.post("/graphql", headers: headers, body: graphQLBody(query))
                }
                let clock = ContinuousClock()
                let start = clock.now
                async let first = post("{ blocking(ms: 20000) }")
                // The first operation has the thread by now (it was queued first).
                try await Task.sleep(for: .milliseconds(200))
                async let second = post("{ blocking(ms: 20000) }")
                let typename = try await post("{ __typename }")
                #expect(typename.status == .ok)
                #expect(typename.body?.text == #"{"data":{"__typename":"Query"}}"#)
                #expect(fixture.calls.blockingFinished == 0)
                for response in try await [first, second] {
                    #expect(response.status == .gatewayTimeout)
                    #expect(response.body?.json?["errors", 0, "extensions", "code"] == .string("TIMEOUT"))
                }
                let answeredAt = clock.now - start
                #expect(fixture.calls.blockingFinished == 0)
                #expect(answeredAt < .seconds(15), "answered after \(answeredAt)")
            }
        }
    }
}
