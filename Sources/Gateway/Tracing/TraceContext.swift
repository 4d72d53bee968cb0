public import Logging
public import Tracing

/// The identity of a span as W3C Trace Context carries it between processes
/// (https://www.w3.org/TR/trace-context/#traceparent-header): a 16-byte
/// trace id, an 8-byte span id and the trace flags, of which bit 0 says the
/// caller sampled (records) the trace.
public struct TraceContext: Sendable, Hashable {
    /// 16 bytes; all zeroes is invalid.
    public let traceID: [UInt8]
    /// 8 bytes; all zeroes is invalid.
    public let spanID: [UInt8]
    public let flags: UInt8

    public var isSampled: Bool { flags & 0x01 != 0 }

    public init(traceID: [UInt8], spanID: [UInt8], flags: UInt8) {
        self.traceID = traceID
        self.spanID = spanID
        self.flags = flags
    }

    /// A new trace id and span id from the system's random generator.
    static func random<G: RandomNumberGenerator>(using generator: inout G) -> (traceID: [UInt8], spanID: [UInt8]) {
        var traceID = [UInt8](repeating: 0, count: 16)
        var spanID = [UInt8](repeating: 0, count: 8)
        repeat {
            for index in traceID.indices { traceID[index] = generator.next() }
        } while traceID.allSatisfy { $0 == 0 }
        repeat {
            for index in spanID.indices { spanID[index] = generator.next() }
        } while spanID.allSatisfy { $0 == 0 }
        return (traceID, spanID)
    }

    /// A child's span id: same trace, new span.
    static func randomSpanID<G: RandomNumberGenerator>(using generator: inout G) -> [UInt8] {
        var spanID = [UInt8](repeating: 0, count: 8)
        repeat {
            for index in spanID.indices { spanID[index] = generator.next() }
        } while spanID.allSatisfy { $0 == 0 }
        return spanID
    }

    /// Parses a `traceparent` header value: `version-traceid-parentid-flags`
    /// in lower-case hex. Version `ff` and all-zero ids are invalid; a later
    /// version may append fields after a dash, which are ignored
    /// (https://www.w3.org/TR/trace-context/#versioning-of-traceparent).
    /// Nil for anything else: the request then starts a new trace.
    public init?(traceparent: String) {
        let bytes = Array(traceparent.utf8)
        guard bytes.count >= 55, bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"),
            bytes[52] == UInt8(ascii: "-"), let version = Self.hex(bytes[0..<2])?.first, version != 0xff,
            let traceID = Self.hex(bytes[3..<35]), let spanID = Self.hex(bytes[36..<52]),
            let flags = Self.hex(bytes[53..<55])?.first
        else { return nil }
        // Version 00 is exactly 55 characters; a later one may add fields after a dash.
        if version == 0 ? bytes.count != 55 : bytes.count > 55 && bytes[55] != UInt8(ascii: "-") { return nil }
        guard traceID.contains(where: { $0 != 0 }), spanID.contains(where: { $0 != 0 }) else { return nil }
        self.init(traceID: traceID, spanID: spanID, flags: flags)
    }

    /// The `traceparent` value of this context (version 00).
    public var traceparent: String {
        "00-\(Self.hexString(traceID))-\(Self.hexString(spanID))-\(Self.hexString([flags]))"
    }

    public var traceIDHex: String { Self.hexString(traceID) }
    public var spanIDHex: String { Self.hexString(spanID) }

    private static func hex(_ text: ArraySlice<UInt8>) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var high: UInt8?
        for character in text {
            let nibble: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = character - UInt8(ascii: "a") + 10
            default: return nil  // upper case is not allowed either
            }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// Where a span's `TraceContext` lives in a `ServiceContext`, so child spans,
/// outgoing headers and log lines can find the current one.
enum TraceContextKey: ServiceContextKey {
    typealias Value = TraceContext
    static var nameOverride: String? { "traceparent" }
}

extension ServiceContext {
    /// The current span's trace context, if a span of ours is active.
    public var traceContext: TraceContext? {
        get { self[TraceContextKey.self] }
        set { self[TraceContextKey.self] = newValue }
    }
}

extension Logger.MetadataProvider {
    /// `trace_id` and `span_id` of the span active in the task that logs,
    /// so every log line of a traced request can be joined to its trace
    /// (the names OpenTelemetry gives them in logs,
    /// https://opentelemetry.io/docs/specs/otel/compatibility/logging_trace_context/).
    /// Nothing when no span is active.
    public static let traceContext = Logger.MetadataProvider {
        guard let context = ServiceContext.current?.traceContext else { return [:] }
        return ["trace_id": .string(context.traceIDHex), "span_id": .string(context.spanIDHex)]
    }
}
