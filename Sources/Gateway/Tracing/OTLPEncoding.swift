import GraphQLEngine
import Tracing

/// The body of an OTLP trace export, `ExportTraceServiceRequest`
/// (https://opentelemetry.io/docs/specs/otlp/#otlphttp-request, messages of
/// `opentelemetry/proto/collector/trace/v1/trace_service.proto` and
/// `trace/v1/trace.proto`), with only the fields the gateway sets: one
/// resource (`service.name`), one instrumentation scope, the spans.
struct OTLPTraceRequest {
    let serviceName: String
    let spans: [FinishedSpan]

    static let scopeName = "supportcarr-gateway"

    // MARK: http/protobuf

    /// The binary protobuf encoding (https://protobuf.dev/programming-guides/encoding/):
    /// each field a varint key (field number << 3 | wire type), nested
    /// messages length-delimited. Field numbers are the .proto files'.
    func protobuf() -> [UInt8] {
        var scopeSpans = ProtobufWriter()
        var scope = ProtobufWriter()
        scope.string(1, Self.scopeName)  // InstrumentationScope.name
        scopeSpans.message(1, scope)  // ScopeSpans.scope
        for span in spans { scopeSpans.message(2, Self.protobuf(span)) }  // ScopeSpans.spans

        var resource = ProtobufWriter()
        resource.message(1, Self.keyValue("service.name", .string(serviceName)))  // Resource.attributes
        var resourceSpans = ProtobufWriter()
        resourceSpans.message(1, resource)  // ResourceSpans.resource
        resourceSpans.message(2, scopeSpans)  // ResourceSpans.scope_spans
        var request = ProtobufWriter()
        request.message(1, resourceSpans)  // ExportTraceServiceRequest.resource_spans
        return request.bytes
    }

    private static func protobuf(_ span: FinishedSpan) -> ProtobufWriter {
        var writer = ProtobufWriter()
        writer.bytes(1, span.traceID)  // trace_id
        writer.bytes(2, span.spanID)  // span_id
        if let parent = span.parentSpanID { writer.bytes(4, parent) }  // parent_span_id
        writer.string(5, span.name)  // name
        writer.varint(6, UInt64(kindNumber(span.kind)))  // kind
        writer.fixed64(7, span.start)  // start_time_unix_nano
        writer.fixed64(8, span.end)  // end_time_unix_nano
        for (key, value) in span.attributes.otlpValues { writer.message(9, keyValue(key, value)) }  // attributes
        for event in span.events {
            var encoded = ProtobufWriter()
            encoded.fixed64(1, event.nanosecondsSinceEpoch)  // Event.time_unix_nano
            encoded.string(2, event.name)  // Event.name
            for (key, value) in event.attributes.otlpValues { encoded.message(3, keyValue(key, value)) }
            writer.message(11, encoded)  // events
        }
        if let status = span.status {
            var encoded = ProtobufWriter()
            if let message = status.message { encoded.string(2, message) }  // Status.message
            encoded.varint(3, status.code == .ok ? 1 : 2)  // Status.code: OK 1, ERROR 2
            writer.message(15, encoded)  // status
        }
        writer.fixed32(16, UInt32(span.flags))  // flags: the W3C trace flags in the low 8 bits
        return writer
    }

    /// `KeyValue { key = 1; AnyValue value = 2 }`, `AnyValue`'s oneof:
    /// string 1, bool 2, int 3, double 4, array 5 (`ArrayValue.values` = 1).
    private static func keyValue(_ key: String, _ value: AttributeValue) -> ProtobufWriter {
        var writer = ProtobufWriter()
        writer.string(1, key)
        writer.message(2, anyValue(value))
        return writer
    }

    private static func anyValue(_ value: AttributeValue) -> ProtobufWriter {
        var writer = ProtobufWriter()
        switch value {
        case .string(let text): writer.string(1, text, always: true)
        case .bool(let flag): writer.varint(2, flag ? 1 : 0, always: true)
        case .int(let number): writer.varint(3, UInt64(bitPattern: number), always: true)
        case .double(let number): writer.fixed64(4, number.bitPattern, always: true)
        case .array(let values):
            var array = ProtobufWriter()
            for element in values { array.message(1, anyValue(element)) }
            writer.message(5, array, always: true)
        }
        return writer
    }

    /// `Span.SpanKind`: INTERNAL 1, SERVER 2, CLIENT 3, PRODUCER 4, CONSUMER 5.
    static func kindNumber(_ kind: SpanKind) -> Int {
        switch kind {
        case .server: 2
        case .client: 3
        case .producer: 4
        case .consumer: 5
        default: 1
        }
    }

    // MARK: http/json

    /// The JSON encoding (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding):
    /// lowerCamelCase field names, trace and span ids as hex (not base64),
    /// enums as numbers, 64-bit integers as decimal strings.
    func json() -> [UInt8] {
        func keyValues(_ attributes: SpanAttributes) -> JSONValue {
            .list(attributes.otlpValues.map { .object([("key", .string($0.key)), ("value", Self.json($0.value))]) })
        }
        let spans: [JSONValue] = spans.map { span in
            var fields: [(key: String, value: JSONValue)] = [
                ("traceId", .string(TraceContext.hexString(span.traceID))),
                ("spanId", .string(TraceContext.hexString(span.spanID))),
            ]
            if let parent = span.parentSpanID {
                fields.append(("parentSpanId", .string(TraceContext.hexString(parent))))
            }
            fields += [
                ("flags", .int(Int(span.flags))), ("name", .string(span.name)),
                ("kind", .int(Self.kindNumber(span.kind))), ("startTimeUnixNano", .string(String(span.start))),
                ("endTimeUnixNano", .string(String(span.end))), ("attributes", keyValues(span.attributes)),
            ]
            if !span.events.isEmpty {
                fields.append(
                    (
                        "events",
                        .list(
                            span.events.map { event in
                                .object([
                                    ("timeUnixNano", .string(String(event.nanosecondsSinceEpoch))),
                                    ("name", .string(event.name)), ("attributes", keyValues(event.attributes)),
                                ])
                            })
                    ))
            }
            if let status = span.status {
                var entries: [(key: String, value: JSONValue)] = [("code", .int(status.code == .ok ? 1 : 2))]
                if let message = status.message { entries.append(("message", .string(message))) }
                fields.append(("status", .object(entries)))
            }
            return .object(fields)
        }
        let request: JSONValue = .object([
            (
                "resourceSpans",
                .list([
                    .object([
                        (
                            "resource",
                            .object([
                                (
                                    "attributes",
                                    .list([
                                        .object([
                                            ("key", .string("service.name")),
                                            ("value", Self.json(.string(serviceName))),
                                        ])
                                    ])
                                )
                            ])
                        ),
                        (
                            "scopeSpans",
                            .list([
                                .object([
                                    ("scope", .object([("name", .string(Self.scopeName))])), ("spans", .list(spans)),
                                ])
                            ])
                        ),
                    ])
                ])
            )
        ])
        return Array(request.jsonString.utf8)
    }

    private static func json(_ value: AttributeValue) -> JSONValue {
        switch value {
        case .string(let text): .object([("stringValue", .string(text))])
        case .bool(let flag): .object([("boolValue", .bool(flag))])
        case .int(let number): .object([("intValue", .string(String(number)))])
        case .double(let number): .object([("doubleValue", .double(number))])
        case .array(let values): .object([("arrayValue", .object([("values", .list(values.map(json)))]))])
        }
    }
}

extension SpanAttributes {
    /// The attributes OTLP can carry, in a list (`SpanAttributes` is not a
    /// `Sequence`: its only iteration is `forEach`).
    var otlpValues: [(key: String, value: AttributeValue)] {
        var values: [(key: String, value: AttributeValue)] = []
        // swift-format-ignore: ReplaceForEachWithForLoop
        forEach { key, attribute in
            if let value = AttributeValue(attribute) { values.append((key, value)) }
        }
        return values
    }
}

/// An attribute value as OTLP's `AnyValue` can carry it.
enum AttributeValue: Equatable {
    case string(String)
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case array([AttributeValue])

    init?(_ attribute: SpanAttribute) {
        switch attribute {
        case .string(let value): self = .string(value)
        case .bool(let value): self = .bool(value)
        case .int32(let value): self = .int(Int64(value))
        case .int64(let value): self = .int(value)
        case .double(let value): self = .double(value)
        case .stringArray(let values): self = .array(values.map { .string($0) })
        case .int64Array(let values): self = .array(values.map { .int($0) })
        case .int32Array(let values): self = .array(values.map { .int(Int64($0)) })
        case .boolArray(let values): self = .array(values.map { .bool($0) })
        case .doubleArray(let values): self = .array(values.map { .double($0) })
        case .stringConvertible(let value): self = .string(value.description)
        case .stringConvertibleArray(let values): self = .array(values.map { .string($0.description) })
        default: return nil
        }
    }
}

/// Writes protobuf fields (https://protobuf.dev/programming-guides/encoding/).
/// proto3 leaves a field at its default value out, so zero numbers and
/// empty strings are skipped unless `always` (inside a oneof, where the
/// chosen case must show even when its value is the default).
struct ProtobufWriter {
    private(set) var bytes: [UInt8] = []

    private enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    private mutating func key(_ field: Int, _ type: WireType) {
        writeVarint(UInt64(field) << 3 | type.rawValue)
    }

    private mutating func writeVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func varint(_ field: Int, _ value: UInt64, always: Bool = false) {
        guard value != 0 || always else { return }
        key(field, .varint)
        writeVarint(value)
    }

    mutating func fixed64(_ field: Int, _ value: UInt64, always: Bool = false) {
        guard value != 0 || always else { return }
        key(field, .fixed64)
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    mutating func fixed32(_ field: Int, _ value: UInt32) {
        guard value != 0 else { return }
        key(field, .fixed32)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func bytes(_ field: Int, _ value: [UInt8]) {
        guard !value.isEmpty else { return }
        key(field, .lengthDelimited)
        writeVarint(UInt64(value.count))
        bytes += value
    }

    mutating func string(_ field: Int, _ value: String, always: Bool = false) {
        guard !value.isEmpty || always else { return }
        key(field, .lengthDelimited)
        writeVarint(UInt64(value.utf8.count))
        bytes += value.utf8
    }

    mutating func message(_ field: Int, _ message: ProtobufWriter, always: Bool = false) {
        guard !message.bytes.isEmpty || always else { return }
        key(field, .lengthDelimited)
        writeVarint(UInt64(message.bytes.count))
        bytes += message.bytes
    }
}
