/// Where and how traces are exported, from OpenTelemetry's standard
/// variables (https://opentelemetry.io/docs/specs/otel/protocol/exporter/,
/// https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/):
///
/// - `OTEL_EXPORTER_OTLP_ENDPOINT`: the collector's base URL; spans go to
///   `<endpoint>/v1/traces`. Unset or empty: tracing is off (no tracer, no
///   span, no cost beyond a nil check).
/// - `OTEL_EXPORTER_OTLP_PROTOCOL`: `http/protobuf` (the default) or
///   `http/json`; `grpc` is refused (this exporter speaks HTTP only).
/// - `OTEL_SERVICE_NAME`: the `service.name` resource attribute (default
///   `supportcarr-gateway`).
///
/// `README.md`, "Tracing", says the same for operators.
public struct TracingConfiguration: Sendable, Equatable {
    public enum WireProtocol: String, Sendable {
        case protobuf = "http/protobuf"
        case json = "http/json"
    }

    public var host: String
    public var port: Int
    /// The request path: the endpoint's own path followed by `/v1/traces`.
    public var path: String
    public var `protocol`: WireProtocol
    public var serviceName: String
    /// How often the queue is sent.
    public var interval: Duration = .seconds(1)
    /// Spans waiting at most; more are dropped and counted.
    public var maxQueueSize = 4_096
    /// Spans per export request at most.
    public var maxBatch = 512
    /// How long one export may take (connecting included).
    public var exportTimeout: Duration = .seconds(10)

    public struct Problem: Error, CustomStringConvertible {
        public let description: String
    }

    public init(endpoint: String, protocol: WireProtocol = .protobuf, serviceName: String = "supportcarr-gateway")
        throws(Problem)
    {
        // http://host[:port][/path]; the scheme's default port when none is given.
        guard endpoint.lowercased().hasPrefix("http://") else {
            throw Problem(
                description:
                    "OTEL_EXPORTER_OTLP_ENDPOINT: \"\(endpoint)\" is not an http:// URL (https is not supported: export to a collector beside the gateway)"
            )
        }
        let rest = endpoint.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        var base = String(rest.dropFirst(authority.count))
        while base.hasSuffix("/") { base.removeLast() }
        var host = String(authority)
        var port = 80
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65_535).contains(number) else {
                throw Problem(description: "OTEL_EXPORTER_OTLP_ENDPOINT: \"\(endpoint)\" has no valid port")
            }
            port = number
            host = String(authority[..<colon])
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else {
            throw Problem(description: "OTEL_EXPORTER_OTLP_ENDPOINT: \"\(endpoint)\" has no host")
        }
        self.host = host
        self.port = port
        self.path = base + "/v1/traces"
        self.protocol = `protocol`
        self.serviceName = serviceName
    }

    /// The configuration the environment asks for; nil when tracing is off.
    public static func fromEnvironment(_ environment: [String: String]) throws(Problem) -> TracingConfiguration? {
        guard let endpoint = environment["OTEL_EXPORTER_OTLP_ENDPOINT"], !endpoint.isEmpty else { return nil }
        let wire: WireProtocol
        switch environment["OTEL_EXPORTER_OTLP_PROTOCOL"] {
        case nil, "": wire = .protobuf
        case let text?:
            guard let known = WireProtocol(rawValue: text) else {
                throw Problem(
                    description: "OTEL_EXPORTER_OTLP_PROTOCOL: \"\(text)\" is not http/protobuf or http/json")
            }
            wire = known
        }
        let service = environment["OTEL_SERVICE_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? "supportcarr-gateway"
        return try TracingConfiguration(endpoint: endpoint, protocol: wire, serviceName: service)
    }
}
