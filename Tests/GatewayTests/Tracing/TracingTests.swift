import Gateway
import GraphQLEngine
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import Testing
import Tracing

@Suite("Tracing: spans over OTLP/HTTP", .serialized)
struct TracingTests {
    static let traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let callerSpanID = "00f067aa0ba902b7"

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
            .joined()
    }

    /// Runs one `query Count { userCount }` through a traced gateway whose
    /// exporter posts to a test receiver; returns what the receiver got, the
    /// log lines and the metrics text.
    static func tracedRequest(
        protocol wire: TracingConfiguration.WireProtocol, traceparent: String?
    ) async throws -> (exports: [OTLPReceiver.Export], logs: [LogCapture.Record], metrics: String) {
        let receiver = OTLPReceiver()
        let capture = LogCapture()
        let metricsText = try await receiver.run { endpoint in
            let metrics = GatewayMetrics()
            let exporter = OTLPExporter(
                configuration: try TracingConfiguration(endpoint: endpoint, protocol: wire), metrics: metrics,
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
            return try await GatewayFixture.with(
                configuration: GatewayConfiguration(port: 0, metricsAccess: .open), logger: capture.tracedLogger,
                metrics: metrics, exporter: exporter
            ) { fixture in
                try await fixture.live { client in
                    var headers = fixture.headers()
                    if let traceparent { headers[HTTPFields.Element.Name("traceparent")!] = traceparent }
                    let response = try await client.execute(
                        uri: "/graphql", method: .post, headers: headers, body: graphQLBody("query Count { userCount }")
                    )
                    #expect(response.status == .ok)
                    await exporter.flush()
                    return metrics.prometheusText()
                }
            }
        }
        return (receiver.received, capture.all, metricsText)
    }

    @Test("a request's spans reach the collector as protobuf, the request's span a child of the incoming traceparent")
    func protobufExport() async throws {
        let (exports, logs, metrics) = try await Self.tracedRequest(
            protocol: .protobuf, traceparent: "00-\(Self.traceID)-\(Self.callerSpanID)-01")
        #expect(!exports.isEmpty)
        var spans: [ReceivedSpan] = []
        for export in exports {
            #expect(export.contentType == "application/x-protobuf")
            let decoded = try ProtobufReader.request(export.body)
            #expect(decoded.resource["service.name"] == "supportcarr-gateway")
            spans += decoded.spans
        }
        #expect(spans.allSatisfy { Self.hex($0.traceID) == Self.traceID }, "\(spans)")
        func one(_ name: String) -> ReceivedSpan? {
            let found = spans.filter { $0.name == name }
            #expect(found.count == 1, "\(name): \(spans)")
            return found.first
        }
        let request = try #require(one("POST /graphql"))
        #expect(Self.hex(request.parentSpanID) == Self.callerSpanID)
        #expect(request.kind == 2)  // SERVER
        #expect(request.attributes["http.route"] == "/graphql")
        #expect(request.attributes["http.response.status_code"] == "200")
        // Parsing and validation happen once, for this first sight of the text.
        let parse = try #require(one("graphql.parse"))
        let validate = try #require(one("graphql.validate"))
        let execute = try #require(one("graphql.execute"))
        for stage in [parse, validate, execute] { #expect(stage.parentSpanID == request.spanID, "\(stage)") }
        #expect(execute.attributes["graphql.operation.name"] == "Count")
        #expect(execute.attributes["graphql.operation.type"] == "query")
        let level = try #require(one("graphql.level"))
        #expect(level.parentSpanID == execute.spanID)
        #expect(level.attributes["graphql.level.depth"] == "1")
        // userCount's count command, inside the level that resolved it.
        let count = try #require(one("count users"))
        #expect(count.parentSpanID == level.spanID)
        #expect(count.kind == 3)  // CLIENT
        #expect(count.attributes["db.collection.name"] == "users")
        #expect(count.attributes["db.operation.name"] == "count")
        #expect(count.attributes["db.system.name"] == "mongodb")
        // The key lookup while authenticating: a find on apikeys, with the documents it read.
        let keyLookups = spans.filter { $0.name == "find apikeys" }
        #expect(!keyLookups.isEmpty, "\(spans)")
        #expect(
            keyLookups.allSatisfy {
                $0.parentSpanID == request.spanID && $0.attributes["db.response.returned_rows"] == "1"
            })
        // Shape, never values: no attribute carries the document or a key.
        #expect(
            spans.allSatisfy { $0.attributes.values.allSatisfy { !$0.contains("userCount") && !$0.contains("sk_") } })

        // Every log line of the request carries its trace id.
        let requestLines = logs.filter { $0.metadata["graphql.operation"] == "Count" }
        #expect(requestLines.count == 1)
        #expect(requestLines.allSatisfy { $0.metadata["trace_id"] == Self.traceID })
        #expect(requestLines.first?.metadata["span_id"] == Self.hex(request.spanID))
        #expect(metrics.contains("supportcarr_tracing_spans_exported_total \(spans.count)\n"), "\(metrics)")
    }

    @Test("http/json carries the same spans, ids in hex")
    func jsonExport() async throws {
        let (exports, _, _) = try await Self.tracedRequest(
            protocol: .json, traceparent: "00-\(Self.traceID)-\(Self.callerSpanID)-01")
        #expect(!exports.isEmpty)
        var names: [String] = []
        for export in exports {
            #expect(export.contentType == "application/json")
            let json = try #require(try? JSONValue(parsingJSON: export.body))
            let resource = json["resourceSpans", 0, "resource", "attributes", 0]
            #expect(resource?["key"] == .string("service.name"))
            guard case .list(let spans)? = json["resourceSpans", 0, "scopeSpans", 0, "spans"] else {
                Issue.record("no spans: \(json)")
                continue
            }
            for span in spans {
                #expect(span["traceId"] == .string(Self.traceID))
                guard case .string(let name)? = span["name"] else { continue }
                names.append(name)
                if name == "POST /graphql" {
                    #expect(span["parentSpanId"] == .string(Self.callerSpanID))
                    #expect(span["kind"] == .int(2))
                }
            }
        }
        #expect(names.contains("POST /graphql") && names.contains("count users") && names.contains("graphql.level"))
    }

    @Test("without a traceparent the request starts a trace; with an unsampled one nothing is exported")
    func rootsAndSampling() async throws {
        let (exports, _, _) = try await Self.tracedRequest(protocol: .protobuf, traceparent: nil)
        var spans: [ReceivedSpan] = []
        for export in exports { spans += try ProtobufReader.request(export.body).spans }
        let request = try #require(spans.first { $0.name == "POST /graphql" })
        #expect(request.parentSpanID.isEmpty)
        #expect(Self.hex(request.traceID) != Self.traceID)
        #expect(spans.allSatisfy { $0.traceID == request.traceID })

        let (unsampled, logs, _) = try await Self.tracedRequest(
            protocol: .protobuf, traceparent: "00-\(Self.traceID)-\(Self.callerSpanID)-00")
        #expect(unsampled.isEmpty)
        // The trace still reaches the logs, so they join the caller's.
        #expect(logs.contains { $0.metadata["trace_id"] == Self.traceID })
    }
}

@Suite("Tracing: the exporter and W3C Trace Context")
struct TracingPartsTests {
    @Test("traceparent parses per W3C Trace Context and refuses what the spec refuses")
    func traceparent() throws {
        let valid = try #require(TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        #expect(valid.isSampled)
        #expect(valid.traceparent == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        // A later version may add fields after a dash.
        #expect(TraceContext(traceparent: "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what") != nil)
        for invalid in [
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",  // upper case
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // zero trace id
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",  // zero span id
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",  // version ff
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",  // version 00 is exactly 55
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",  // short trace id
            "",
        ] {
            #expect(TraceContext(traceparent: invalid) == nil, "\(invalid)")
        }
    }

    @Test("the endpoint and protocol come from the OTEL_ variables; unset is off, grpc and https are refused")
    func configuration() throws {
        #expect(try TracingConfiguration.fromEnvironment([:]) == nil)
        #expect(try TracingConfiguration.fromEnvironment(["OTEL_EXPORTER_OTLP_ENDPOINT": ""]) == nil)
        let configured = try #require(
            try TracingConfiguration.fromEnvironment([
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://collector:4318/otlp/", "OTEL_SERVICE_NAME": "gw",
                "OTEL_EXPORTER_OTLP_PROTOCOL": "http/json",
            ]))
        #expect(configured.host == "collector" && configured.port == 4318 && configured.path == "/otlp/v1/traces")
        #expect(configured.protocol == .json && configured.serviceName == "gw")
        let plain = try #require(
            try TracingConfiguration.fromEnvironment(["OTEL_EXPORTER_OTLP_ENDPOINT": "http://[::1]"]))
        #expect(plain.host == "::1" && plain.port == 80 && plain.path == "/v1/traces" && plain.protocol == .protobuf)
        #expect(throws: TracingConfiguration.Problem.self) {
            try TracingConfiguration.fromEnvironment([
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://c:4317", "OTEL_EXPORTER_OTLP_PROTOCOL": "grpc",
            ])
        }
        #expect(throws: TracingConfiguration.Problem.self) {
            try TracingConfiguration.fromEnvironment(["OTEL_EXPORTER_OTLP_ENDPOINT": "https://c:4318"])
        }
    }

    @Test("a full queue drops and counts spans, and an unreachable collector costs the spans, not the caller")
    func boundedQueue() async throws {
        let metrics = GatewayMetrics()
        var configuration = try TracingConfiguration(endpoint: "http://127.0.0.1:1")  // nothing listens on port 1
        configuration.maxQueueSize = 2
        configuration.exportTimeout = .seconds(2)
        let exporter = OTLPExporter(
            configuration: configuration, metrics: metrics,
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let tracer = OTLPTracer(exporter: exporter)
        for index in 0..<5 { tracer.startSpan("span \(index)").end() }
        #expect(exporter.queuedCount == 2)
        await exporter.flush()
        #expect(exporter.queuedCount == 0)
        let text = metrics.prometheusText()
        #expect(text.contains(#"supportcarr_tracing_spans_dropped_total{reason="queue_full"} 3"#), "\(text)")
        #expect(text.contains(#"supportcarr_tracing_spans_dropped_total{reason="export_failed"} 2"#), "\(text)")
        #expect(text.contains("supportcarr_tracing_spans_exported_total 0\n"))
    }
}
