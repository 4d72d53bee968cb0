import Gateway
import Logging
import Synchronization

/// Keeps every log record, so a test can read the request log lines.
final class LogCapture: Sendable {
    struct Record: Sendable {
        let level: Logger.Level
        let message: String
        let metadata: [String: String]
    }

    private let records = Mutex<[Record]>([])

    var all: [Record] { records.withLock { $0 } }

    func append(_ record: Record) { records.withLock { $0.append(record) } }

    var logger: Logger {
        Logger(label: "gateway-test") { _ in Handler(capture: self) }
    }

    /// A logger whose lines carry the current span's ids, as `serve` sets up.
    var tracedLogger: Logger {
        Logger(label: "gateway-test") { _ in
            var handler = Handler(capture: self)
            handler.metadataProvider = .traceContext
            return handler
        }
    }

    struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        var metadataProvider: Logger.MetadataProvider?

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            var merged = metadata
            for (key, value) in metadataProvider?.get() ?? [:] { merged[key] = value }
            for (key, value) in event.metadata ?? [:] { merged[key] = value }
            capture.append(
                Record(
                    level: event.level, message: event.message.description,
                    metadata: merged.mapValues { $0.description }))
        }
    }
}
