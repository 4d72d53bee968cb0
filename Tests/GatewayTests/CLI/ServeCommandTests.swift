import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `supportcarr serve` as an operator runs it: the real binary, configured by
/// its environment, stopped by a signal.
@Suite("supportcarr serve", .serialized)
struct ServeCommandTests {
    static var schemaPath: String { LiveDatabase.repositoryRoot.appendingPathComponent("Schema.graphql").path }

    static func baseEnvironment() throws -> [String: String] {
        [
            "MONGODB_URI": try TestDatabase.uri(), "SUPPORTCARR_ENV": "development",
            "SUPPORTCARR_DB": "supportcarr_gateway_cli_\(UInt32.random(in: 0...UInt32.max))",
            "SUPPORTCARR_SCHEMA": schemaPath, "PATH": "/usr/bin:/bin",
        ]
    }

    @Test(
        "a missing or malformed setting stops start-up with one line naming it",
        arguments: [
            ("MONGODB_URI", nil), ("PORT", "eighty"), ("SUPPORTCARR_ENV", "staging"),
            ("SUPPORTCARR_MAX_BODY_BYTES", "-1"), ("SUPPORTCARR_SCHEMA", "/nonexistent/Schema.graphql"),
            ("SUPPORTCARR_LOG_LEVEL", "loud"), ("SUPPORTCARR_LOG_FORMAT", "xml"),
            ("SUPPORTCARR_PUBLIC_URL", "hooks.example.com"),
        ] as [(String, String?)])
    func badSetting(variable: String, value: String?) async throws {
        var environment = try Self.baseEnvironment()
        environment[variable] = value
        let process = try Subprocess.start(Subprocess.supportcarr, ["serve"], environment: environment)
        defer { process.removeFiles() }
        let status = try await process.exitStatus(within: .seconds(60))
        #expect(status != 0)  // nil (reaped elsewhere) passes: stderr below tells
        let lines = process.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(process.stderr)")
        #expect(lines.first?.hasPrefix("Error: \(variable)") == true, "\(process.stderr)")
    }

    @Test("the same key bytes for two purposes stop start-up with one line naming the later setting")
    func sameKeyBytesForTwoPurposes() async throws {
        let hex = String(repeating: "7a", count: 32)
        for (variable, earlier) in [
            ("SUPPORTCARR_BLIND_INDEX_KEY", "key 'k1' of SUPPORTCARR_ENCRYPTION_KEYS"),
            ("ENCRYPTION_KEY", "key 'k1' of SUPPORTCARR_ENCRYPTION_KEYS"),
            ("SUPPORTCARR_API_KEY_PEPPER", "key 'k1' of SUPPORTCARR_ENCRYPTION_KEYS"),
        ] {
            var environment = try Self.baseEnvironment()
            environment["SUPPORTCARR_ENCRYPTION_KEYS"] = "k1:\(hex)"
            environment[variable] = hex
            environment["PORT"] = "0"  // were the check missing, not someone else's port
            let process = try Subprocess.start(Subprocess.supportcarr, ["serve"], environment: environment)
            defer { process.removeFiles() }
            _ = try await process.exitStatus(within: .seconds(60))
            let lines = process.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(process.stderr)")
            #expect(
                lines.first
                    == "Error: \(variable): holds the same bytes as \(earlier); every purpose needs its own key",
                "\(process.stderr)")
            #expect(!process.stderr.contains(hex))
        }
    }

    @Test("a field the data model encrypts, served without @encrypted, stops start-up with one line naming it")
    func encryptedFieldWithoutDirective() async throws {
        let text = try String(contentsOfFile: Self.schemaPath, encoding: .utf8)
        let altered = text.replacingOccurrences(
            of: #"licenseNumber: String @encrypted @requires(permission: "pii:identity")"#,
            with: #"licenseNumber: String @requires(permission: "pii:identity")"#)
        #expect(altered != text)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("schema-\(UUID().uuidString).graphql")
        try altered.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        var environment = try Self.baseEnvironment()
        environment["SUPPORTCARR_SCHEMA"] = path.path
        environment["PORT"] = "0"
        let process = try Subprocess.start(Subprocess.supportcarr, ["serve"], environment: environment)
        defer { process.removeFiles() }
        let status = try await process.exitStatus(within: .seconds(60))
        #expect(status != 0)
        let lines = process.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(process.stderr)")
        #expect(
            lines.first
                == "Error: \(path.path): DriverProfile.licenseNumber is stored encrypted (driverprofiles.licenseNumber) but has no @encrypted: it would be served as ciphertext",
            "\(process.stderr)")
    }

    @Test("a flag overrides its variable")
    func flagOverrides() async throws {
        var environment = try Self.baseEnvironment()
        environment["PORT"] = "not-a-port"
        // The flag's value replaces the bad variable, so start-up passes PORT
        // and stops at the next bad setting instead.
        environment["SUPPORTCARR_EXECUTION_TIMEOUT_MS"] = "never"
        let process = try Subprocess.start(Subprocess.supportcarr, ["serve", "--port", "0"], environment: environment)
        defer { process.removeFiles() }
        _ = try await process.exitStatus(within: .seconds(60))
        #expect(process.stderr.hasPrefix("Error: SUPPORTCARR_EXECUTION_TIMEOUT_MS"), "\(process.stderr)")
    }

    /// The port a starting `serve` reports in its log; nil (the process
    /// killed, an issue recorded) when it reports none within 30 s.
    static func port(of process: Subprocess) async throws -> Int? {
        for _ in 0..<300 {
            if let range = process.stdout.range(of: #"http://127\.0\.0\.1:(\d+)/graphql"#, options: .regularExpression)
            {
                let url = process.stdout[range]
                return Int(url.split(separator: ":").last?.split(separator: "/").first ?? "")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.signal(SIGKILL)
        Issue.record("serve did not report its port: \(process.stdout) \(process.stderr)")
        return nil
    }

    /// Runs `serve` with `environment` (on a free port), sends it one
    /// `query Probe { __typename }`, stops it with SIGTERM and returns what it
    /// wrote on standard output; nil when it never reported its port.
    static func serveOneProbe(_ environment: [String: String]) async throws -> String? {
        var environment = environment
        environment["PORT"] = "0"
        let process = try Subprocess.start(Subprocess.supportcarr, ["serve"], environment: environment)
        defer { process.removeFiles() }
        guard let port = try await Self.port(of: process) else { return nil }
        let response = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            try await client.execute(
                TestClient.Request(
                    "/graphql", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"query":"query Probe { __typename }"}"#)))
        }
        #expect(response.status == .ok)
        process.signal(SIGTERM)
        _ = try await process.exitStatus(within: .seconds(60))
        return process.stdout
    }

    @Test("the default text log writes swift-log's line: time, level, label, sorted fields, source, message")
    func textLog() async throws {
        let environment = try Self.baseEnvironment()
        guard let stdout = try await Self.serveOneProbe(environment) else { return }
        let line = try #require(
            stdout.split(separator: "\n").first { $0.hasSuffix("[Gateway] graphql request") },
            "no request line in \(stdout)")
        // 2026-12-06T17:12:25+0000 info supportcarr.gateway: db.round_trips=0 duration_ms=0.041 ... [Gateway] graphql request
        let pattern =
            #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4} info supportcarr\.gateway: "#
            + #"db\.round_trips=0 duration_ms=\d+\.\d{3} graphql\.operation=Probe graphql\.outcome=success "#
            + #"http\.method=POST http\.path=/graphql http\.status=200 \[Gateway\] graphql request$"#
        #expect(line.range(of: pattern, options: .regularExpression) != nil, "\(line)")
    }

    @Test("SUPPORTCARR_LOG_FORMAT=json writes every log line as one JSON object, a request's fields as metadata")
    func jsonLog() async throws {
        var environment = try Self.baseEnvironment()
        environment["SUPPORTCARR_LOG_FORMAT"] = "json"
        guard let stdout = try await Self.serveOneProbe(environment) else { return }
        let lines = stdout.split(separator: "\n")
        #expect(lines.count >= 3, "\(stdout)")
        var requestLines: [[String: Any]] = []
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let parsed = try #require(object, "not a JSON object: \(line)")
            #expect(parsed["time"] is String && parsed["level"] is String && parsed["label"] is String)
            if parsed["message"] as? String == "graphql request" { requestLines.append(parsed) }
        }
        let request = try #require(requestLines.first, "no request line in \(stdout)")
        let metadata = try #require(request["metadata"] as? [String: Any])
        #expect(metadata["graphql.operation"] as? String == "Probe")
        #expect(metadata["http.status"] as? String == "200")
        #expect(request["level"] as? String == "info")
    }

    @Test(
        "with OTEL_EXPORTER_OTLP_ENDPOINT, serve exports a request's spans (the last on SIGTERM) and logs its trace id",
        arguments: ["json", "text"])
    func tracesAndTraceIDsInLogs(format: String) async throws {
        let receiver = OTLPReceiver()
        let traceID = "0af7651916cd43dd8448eb211c80319c"
        let process = try await receiver.run { endpoint in
            var environment = try Self.baseEnvironment()
            environment["PORT"] = "0"
            environment["SUPPORTCARR_LOG_FORMAT"] = format
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint
            environment["OTEL_SERVICE_NAME"] = "gateway-under-test"
            let process = try Subprocess.start(Subprocess.supportcarr, ["serve"], environment: environment)
            guard let port = try await Self.port(of: process) else { return process }
            let response = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                try await client.execute(
                    TestClient.Request(
                        "/graphql", method: .post,
                        headers: [
                            .contentType: "application/json",
                            HTTPFields.Element.Name("traceparent")!: "00-\(traceID)-b7ad6b7169203331-01",
                        ],
                        body: ByteBuffer(string: #"{"query":"query Probe { __typename }"}"#)))
            }
            #expect(response.status == .ok)
            // Right away, before the exporter's first tick: the spans go out on shutdown.
            process.signal(SIGTERM)
            #expect(try await process.exitStatus(within: .seconds(60)) == 0)
            return process
        }
        defer { process.removeFiles() }
        var spans: [ReceivedSpan] = []
        for export in receiver.received {
            let decoded = try ProtobufReader.request(export.body)
            #expect(decoded.resource["service.name"] == "gateway-under-test")
            spans += decoded.spans
        }
        let request = try #require(spans.first { $0.name == "POST /graphql" }, "\(spans) \(process.stdout)")
        #expect(request.parentSpanID == [0xb7, 0xad, 0x6b, 0x71, 0x69, 0x20, 0x33, 0x31])
        #expect(spans.contains { $0.name == "graphql.execute" && $0.attributes["graphql.operation.name"] == "Probe" })
        var traced = 0
        for line in process.stdout.split(separator: "\n") where format == "text" {
            // The request log's sorted fields with the trace context among them, in key order.
            guard line.hasSuffix("[Gateway] graphql request") else { continue }
            #expect(line.contains(" http.status=200 span_id="), "\(line)")
            #expect(line.contains(" trace_id=\(traceID) [Gateway]"), "\(line)")
            traced += 1
        }
        for line in process.stdout.split(separator: "\n") where format == "json" {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                object["message"] as? String == "graphql request"
            else { continue }
            let metadata = object["metadata"] as? [String: Any]
            #expect(metadata?["trace_id"] as? String == traceID, "\(line)")
            traced += 1
        }
        #expect(traced == 1, "\(process.stdout)")
    }

    @Test("serve answers over HTTP and exits 0 on SIGTERM")
    func servesAndStopsOnSIGTERM() async throws {
        var environment = try Self.baseEnvironment()
        environment["PORT"] = "0"
        let process = try Subprocess.start(Subprocess.supportcarr, ["serve"], environment: environment)
        defer { process.removeFiles() }
        guard let port = try await Self.port(of: process) else { return }
        let (response, playground) = try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
            let response = try await client.execute(
                TestClient.Request(
                    "/graphql", method: .post, headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: #"{"query":"{ __typename }"}"#)))
            let playground = try await client.execute(TestClient.Request("/playground", method: .get))
            return (response, playground)
        }
        // Development serves the playground (it follows introspection) and says where.
        #expect(playground.status == .ok)
        #expect(process.stdout.contains("playground at http://127.0.0.1:\(port)/playground"))
        // Development allows anonymous introspection-only operations.
        #expect(response.status == .ok)
        #expect(response.body.map { String(buffer: $0) } == #"{"data":{"__typename":"Query"}}"#)
        process.signal(SIGTERM)
        let status = try await process.exitStatus(within: .seconds(60))
        #expect(status == 0 || status == nil)
        #expect(process.stdout.contains("releasing the database pool"))
    }
}
