import Logging

/// One structured line per GraphQL request: what ran, how it ended, how long
/// it took. Built from what the gateway decided (`RequestRecord`), never from
/// the request's variables, headers or body, so no personal data and no
/// credential reaches the log. The operation name is the document's own (a
/// GraphQL name), not the client's free-form `operationName` text; like the
/// path, it is still the client's choice of any length, so both are bounded
/// (`ClientText`) before they become fields.
struct RequestLog: Sendable {
    var method: String
    var path: String
    var status: Int
    var record: RequestRecord.State

    /// Nothing is built when the logger drops `info` lines (a deployment
    /// logging warnings only): the fields cost a few allocations per request.
    /// `handler` is `logger`'s own handler when it takes sorted fields
    /// (`SortedFieldsLogHandler`), looked up once by the caller.
    func write(to logger: Logger, handler: (any SortedFieldsLogHandler)?, duration: Duration) {
        guard logger.logLevel <= .info else { return }
        let fields = fields(duration: duration)
        if let handler {
            handler.log(level: .info, message: Self.message, sortedFields: fields, source: "Gateway")
            return
        }
        var metadata: Logger.Metadata = [:]
        for (key, value) in fields { metadata[key] = .string(value) }
        logger.info("\(Self.message)", metadata: metadata)
    }

    static let message = "graphql request"

    /// The line's fields as text, sorted by key (the order the text format
    /// prints them in); the optional ones only when set.
    func fields(duration: Duration) -> [(key: String, value: String)] {
        let roundTrips = record.roundTrips + record.operations.reduce(0) { $0 + $1.roundTrips }
        let operations = record.operations
        var fields: [(key: String, value: String)] = []
        fields.reserveCapacity(11)
        fields.append(("db.round_trips", String(roundTrips)))
        fields.append(("duration_ms", Self.milliseconds(duration)))
        if let batchSize = record.batchSize { fields.append(("graphql.batch_size", String(batchSize))) }
        let codes = operations.flatMap(\.errorCodes)
        if !codes.isEmpty { fields.append(("graphql.error_codes", codes.joined(separator: ","))) }
        if let operation = operations.first, operations.count == 1 {
            fields.append(("graphql.operation", ClientText.bounded(operation.name)))
            fields.append(("graphql.outcome", operation.outcome.rawValue))
        } else if !operations.isEmpty {
            fields.append(
                ("graphql.operation", operations.map { ClientText.bounded($0.name) }.joined(separator: ",")))
            fields.append(("graphql.outcome", operations.map(\.outcome.rawValue).joined(separator: ",")))
        }
        if let persistedQuery = record.persistedQuery { fields.append(("graphql.persisted_query", persistedQuery)) }
        if !record.rateLimited.isEmpty {
            fields.append(("graphql.rate_limited", record.rateLimited.map(\.rawValue).joined(separator: ",")))
        }
        fields.append(("http.method", method))
        fields.append(("http.path", ClientText.bounded(path)))
        fields.append(("http.status", String(status)))
        return fields
    }

    /// `duration` in milliseconds with three decimals ("12.345"), written
    /// straight into the string's storage (no heap for a small one).
    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let micros = max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)
        var length = 5  // "0.000"
        var rest = micros / 10_000
        while rest > 0 {
            length += 1
            rest /= 10
        }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var value = micros
            var index = length - 1
            while index >= 0 {
                if index == length - 4 {
                    buffer[index] = UInt8(ascii: ".")
                } else {
                    buffer[index] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                index -= 1
            }
            return length
        }
    }
}
