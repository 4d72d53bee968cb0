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
    func write(to logger: Logger, duration: Duration) {
        guard logger.logLevel <= .info else { return }
        let roundTrips = record.roundTrips + record.operations.reduce(0) { $0 + $1.roundTrips }
        var metadata: Logger.Metadata = [
            "http.method": .string(method),
            "http.path": .string(ClientText.bounded(path)),
            "http.status": .stringConvertible(status),
            "duration_ms": .string(Self.milliseconds(duration)),
            "db.round_trips": .stringConvertible(roundTrips),
        ]
        let operations = record.operations
        if !operations.isEmpty {
            metadata["graphql.operation"] = .string(
                operations.map { ClientText.bounded($0.name) }.joined(separator: ","))
            metadata["graphql.outcome"] = .string(operations.map(\.outcome.rawValue).joined(separator: ","))
        }
        let codes = operations.flatMap(\.errorCodes)
        if !codes.isEmpty { metadata["graphql.error_codes"] = .string(codes.joined(separator: ",")) }
        if let persistedQuery = record.persistedQuery { metadata["graphql.persisted_query"] = .string(persistedQuery) }
        if let batchSize = record.batchSize { metadata["graphql.batch_size"] = .stringConvertible(batchSize) }
        if !record.rateLimited.isEmpty {
            metadata["graphql.rate_limited"] = .string(record.rateLimited.map(\.rawValue).joined(separator: ","))
        }
        logger.info("graphql request", metadata: metadata)
    }

    static func milliseconds(_ duration: Duration) -> String {
        let micros = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        let whole = micros / 1_000
        let fraction = micros % 1_000
        let padded = String(fraction)
        return "\(whole)." + String(repeating: "0", count: 3 - padded.count) + padded
    }
}
