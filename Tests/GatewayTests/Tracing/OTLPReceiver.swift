import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A small OTLP/HTTP receiver for the tests: a Hummingbird server on a free
/// port that keeps each body POSTed to `/v1/traces` with its content type.
final class OTLPReceiver: Sendable {
    struct Export: Sendable {
        let contentType: String
        let body: [UInt8]
    }

    private let exports = Mutex<[Export]>([])
    /// The status to answer with.
    let status: HTTPResponse.Status

    init(status: HTTPResponse.Status = .ok) {
        self.status = status
    }

    var received: [Export] { exports.withLock { $0 } }

    /// Runs `body` with the receiver listening; its argument is the endpoint URL.
    func run<R: Sendable>(_ body: @Sendable (String) async throws -> R) async throws -> R {
        let router = Router()
        router.post("/v1/traces") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 16 << 20)
            let export = Export(
                contentType: request.headers[.contentType] ?? "", body: Array(buffer.readableBytesView))
            self.exports.withLock { $0.append(export) }
            return Response(status: self.status)
        }
        let application = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)))
        return try await application.test(.live) { client in
            guard let port = client.port else { throw CancellationError() }
            return try await body("http://127.0.0.1:\(port)")
        }
    }
}

/// A span as the tests read it back from an export.
struct ReceivedSpan: Sendable, CustomStringConvertible {
    var traceID: [UInt8] = []
    var spanID: [UInt8] = []
    var parentSpanID: [UInt8] = []
    var name = ""
    var kind = 0
    var attributes: [String: String] = [:]
    var statusCode = 0

    var description: String { "\(name) kind \(kind) \(attributes)" }
}

/// Reads the protobuf wire format (https://protobuf.dev/programming-guides/encoding/)
/// independently of the exporter's writer: fields by number, then the OTLP
/// messages the tests look at, by the field numbers of the .proto files.
enum ProtobufReader {
    enum Value {
        case varint(UInt64)
        case fixed64(UInt64)
        case bytes([UInt8])
        case fixed32(UInt32)
    }

    struct Malformed: Error {}

    static func fields(_ bytes: [UInt8]) throws -> [(number: Int, value: Value)] {
        var index = 0
        func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard index < bytes.count, shift < 64 else { throw Malformed() }
                let byte = bytes[index]
                index += 1
                result |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
        }
        func fixed(_ count: Int) throws -> UInt64 {
            guard index + count <= bytes.count else { throw Malformed() }
            var value: UInt64 = 0
            for offset in 0..<count { value |= UInt64(bytes[index + offset]) << UInt64(8 * offset) }
            index += count
            return value
        }
        var fields: [(number: Int, value: Value)] = []
        while index < bytes.count {
            let key = try varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: fields.append((number, .varint(try varint())))
            case 1: fields.append((number, .fixed64(try fixed(8))))
            case 2:
                let length = Int(try varint())
                guard index + length <= bytes.count else { throw Malformed() }
                fields.append((number, .bytes(Array(bytes[index..<(index + length)]))))
                index += length
            case 5: fields.append((number, .fixed32(UInt32(try fixed(4)))))
            default: throw Malformed()
            }
        }
        return fields
    }

    static func messages(_ bytes: [UInt8], _ number: Int) throws -> [[UInt8]] {
        try fields(bytes).compactMap { field in
            guard field.number == number, case .bytes(let payload) = field.value else { return nil }
            return payload
        }
    }

    /// `KeyValue { key = 1; AnyValue value = 2 }` as text (AnyValue: string 1, bool 2, int 3, double 4).
    static func keyValue(_ bytes: [UInt8]) throws -> (String, String) {
        var key = ""
        var value = ""
        for field in try fields(bytes) {
            if field.number == 1, case .bytes(let text) = field.value { key = String(decoding: text, as: UTF8.self) }
            if field.number == 2, case .bytes(let any) = field.value {
                for inner in try fields(any) {
                    switch (inner.number, inner.value) {
                    case (1, .bytes(let text)): value = String(decoding: text, as: UTF8.self)
                    case (2, .varint(let flag)): value = flag == 0 ? "false" : "true"
                    case (3, .varint(let number)): value = String(Int64(bitPattern: number))
                    case (4, .fixed64(let bits)): value = String(Double(bitPattern: bits))
                    default: break
                    }
                }
            }
        }
        return (key, value)
    }

    /// The resource attributes and the spans of an `ExportTraceServiceRequest`.
    static func request(_ body: [UInt8]) throws -> (resource: [String: String], spans: [ReceivedSpan]) {
        var resource: [String: String] = [:]
        var spans: [ReceivedSpan] = []
        for resourceSpans in try messages(body, 1) {
            for resourceMessage in try messages(resourceSpans, 1) {
                for attribute in try messages(resourceMessage, 1) {
                    let (key, value) = try keyValue(attribute)
                    resource[key] = value
                }
            }
            for scopeSpans in try messages(resourceSpans, 2) {
                for encoded in try messages(scopeSpans, 2) { spans.append(try span(encoded)) }
            }
        }
        return (resource, spans)
    }

    static func span(_ bytes: [UInt8]) throws -> ReceivedSpan {
        var span = ReceivedSpan()
        for field in try fields(bytes) {
            switch (field.number, field.value) {
            case (1, .bytes(let id)): span.traceID = id
            case (2, .bytes(let id)): span.spanID = id
            case (4, .bytes(let id)): span.parentSpanID = id
            case (5, .bytes(let text)): span.name = String(decoding: text, as: UTF8.self)
            case (6, .varint(let kind)): span.kind = Int(kind)
            case (9, .bytes(let attribute)):
                let (key, value) = try keyValue(attribute)
                span.attributes[key] = value
            case (15, .bytes(let status)):
                for inner in try fields(status) {
                    if inner.number == 3, case .varint(let code) = inner.value { span.statusCode = Int(code) }
                }
            default: break
            }
        }
        return span
    }
}
