import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Synchronization
import Testing

@testable import Gateway

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

/// The request log line's fields, built without a running server.
@Suite("Request log fields")
struct RequestLogFieldTests {
    /// A handler that takes the fields sorted, and keeps what it was given.
    struct SortedCapture: SortedFieldsLogHandler {
        final class Lines: Sendable {
            let all = Mutex<[[(key: String, value: String)]]>([])
        }
        let lines = Lines()
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        var metadataProvider: Logger.MetadataProvider?

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) { Issue.record("the request log line went through log(event:)") }

        func log(
            level: Logger.Level, message: String, sortedFields fields: [(key: String, value: String)], source: String
        ) {
            lines.all.withLock { $0.append(fields) }
        }
    }

    /// A record with every optional field set.
    static let full: RequestLog = {
        var state = RequestRecord.State()
        state.operations = [
            .init(name: "One", outcome: .success, errorCodes: [], roundTrips: 2),
            .init(name: "Two", outcome: .partial, errorCodes: ["FORBIDDEN", "NOT_FOUND"], roundTrips: 1),
        ]
        state.roundTrips = 1
        state.persistedQuery = "hit"
        state.batchSize = 2
        state.rateLimited = [.requests]
        return RequestLog(method: "POST", path: "/graphql", status: 200, record: state)
    }()

    @Test("fields come sorted by key, every optional one when set")
    func sortedAndComplete() {
        let fields = Self.full.fields(duration: .microseconds(12_345))
        let keys = fields.map(\.key)
        #expect(keys == keys.sorted())
        #expect(
            keys == [
                "db.round_trips", "duration_ms", "graphql.batch_size", "graphql.error_codes", "graphql.operation",
                "graphql.outcome", "graphql.persisted_query", "graphql.rate_limited", "http.method", "http.path",
                "http.status",
            ])
        let values = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.value) })
        #expect(values["db.round_trips"] == "4")
        #expect(values["duration_ms"] == "12.345")
        #expect(values["graphql.operation"] == "One,Two")
        #expect(values["graphql.outcome"] == "success,partial")
        #expect(values["graphql.error_codes"] == "FORBIDDEN,NOT_FOUND")
        #expect(values["graphql.rate_limited"] == RateLimiter.Policy.requests.rawValue)
    }

    @Test("a handler that takes sorted fields gets them as they are; any other gets the same as metadata")
    func bothPaths() throws {
        let sorted = SortedCapture()
        let sortedLogger = Logger(label: "test") { _ in sorted }
        let handler = try #require(sortedLogger.handler as? any SortedFieldsLogHandler)
        Self.full.write(to: sortedLogger, handler: handler, duration: .milliseconds(3))
        let given = try #require(sorted.lines.all.withLock { $0.first })
        #expect(given.map(\.key) == Self.full.fields(duration: .milliseconds(3)).map(\.key))

        let capture = LogCapture()
        Self.full.write(to: capture.logger, handler: nil, duration: .milliseconds(3))
        let line = try #require(capture.all.first)
        #expect(line.message == "graphql request")
        #expect(line.metadata == Dictionary(uniqueKeysWithValues: given.map { ($0.key, $0.value) }))
    }

    @Test(
        "milliseconds keep three decimals",
        arguments: [
            (Duration.zero, "0.000"), (.microseconds(7), "0.007"), (.microseconds(287), "0.287"),
            (.microseconds(1_000), "1.000"), (.microseconds(12_345), "12.345"), (.seconds(61), "61000.000"),
            (.nanoseconds(999), "0.000"),
        ])
    func milliseconds(duration: Duration, text: String) {
        #expect(RequestLog.milliseconds(duration) == text)
    }
}
