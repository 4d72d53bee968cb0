import Foundation
import Gateway
import Logging
import Synchronization

/// The server's log on standard output, written in batches.
///
/// swift-log's standard-output stream flushes after every line: one
/// `write(2)` per request log line, under the stream's lock, on the request's
/// thread, which was a measurable share of a cheap request's cost. Here a line
/// is appended to a buffer in memory, and the buffer goes out when it holds
/// 64 KiB, every ``interval`` from a background thread, at once after a line
/// of level `warning` or above (``LevelFlushingLogHandler``), and when the
/// server stops. What a crash can lose is at most the last ``interval`` of
/// `info` lines; errors are never held back.
final class BufferedLogOutput: TextOutputStream, Sendable {
    static let shared = BufferedLogOutput()
    static let interval: Duration = .milliseconds(100)
    static let capacity = 64 * 1024

    /// What waits to be written, and the timestamp of the current second.
    private struct Pending {
        var bytes: [UInt8] = []
        var second = Int.min
        var timestamp: [UInt8] = []
    }

    private let pending = Mutex(Pending())
    /// Held while a batch is written, so batches reach the file in order.
    private let writing = Mutex(())

    func write(_ string: String) {
        let full = pending.withLock { pending in
            pending.bytes.append(contentsOf: string.utf8)
            return pending.bytes.count >= Self.capacity
        }
        if full { flush() }
    }

    /// Appends one line, built by `build` in place at the end of the buffer;
    /// `build` is also given the current second's timestamp (`strftime`'s
    /// `%Y-%m-%dT%H:%M:%S%z` in local time, the text format's, made once a
    /// second rather than once a line).
    func appendLine(_ build: (inout [UInt8], [UInt8]) -> Void) {
        let now = time(nil)
        let full = pending.withLock { pending in
            if pending.second != now {
                pending.second = now
                pending.timestamp = Self.timestamp(now)
            }
            build(&pending.bytes, pending.timestamp)
            return pending.bytes.count >= Self.capacity
        }
        if full { flush() }
    }

    private static func timestamp(_ seconds: Int) -> [UInt8] {
        var seconds = seconds
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return Array("<unknown>".utf8) }
        var buffer = [Int8](repeating: 0, count: 64)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%dT%H:%M:%S%z", &local)
        return buffer.prefix(count).map { UInt8(bitPattern: $0) }
    }

    /// Writes out what is buffered.
    func flush() {
        writing.withLock { _ in
            let batch = pending.withLock { pending in
                defer { pending.bytes.removeAll(keepingCapacity: true) }
                return pending.bytes
            }
            batch.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = Foundation.write(1, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    // A closed or full standard output loses the log, never the server.
                    guard written > 0 else { return }
                    offset += written
                }
            }
        }
    }

    /// Starts the thread that flushes every ``interval`` (once per process).
    func startFlushing() {
        let started = Self.flusher.withLock { started in
            defer { started = true }
            return started
        }
        guard !started else { return }
        let (seconds, attoseconds) = Self.interval.components
        let pause = Double(seconds) + Double(attoseconds) / 1e18
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: pause)
                flush()
            }
        }
        thread.name = "log-flush"
        thread.start()
    }

    private static let flusher = Mutex(false)
}

/// swift-log's text format (`StreamLogHandler`'s line: local time, level,
/// label, the metadata sorted by key, `[source]`, message) written straight
/// into ``BufferedLogOutput``, flushing after a line of level `warning` or
/// above.
///
/// Not `StreamLogHandler` itself: per line it formats the time with
/// `strftime`, builds the metadata text through string interpolation and
/// hands over a `String`, which made the request log line about a twentieth
/// of a cheap request's cost; here the time is formatted once a second and
/// the line is appended to the buffer in place, under the buffer's lock. The
/// request log's line comes with its fields already sorted text
/// (`SortedFieldsLogHandler`) and is written as it is when nothing else
/// (the trace context, the handler's own metadata) joins it.
struct LevelFlushingLogHandler: LogHandler, SortedFieldsLogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    private let output: BufferedLogOutput

    init(label: String, output: BufferedLogOutput = .shared) {
        self.label = label
        self.output = output
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        write(event, provided: metadataProvider?.get() ?? [:])
    }

    /// `event`'s line, with what the metadata provider gave for it.
    private func write(_ event: LogEvent, provided: Logger.Metadata) {
        // The usual line has only its own metadata: no merged copy for it.
        var merged = event.metadata ?? [:]
        if !provided.isEmpty { merged.merge(provided) { own, _ in own } }
        if !metadata.isEmpty { merged.merge(metadata) { own, _ in own } }
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let fields = merged.sorted { $0.key < $1.key }
        let message = event.message.description
        output.appendLine { line, timestamp in
            appendHead(to: &line, timestamp: timestamp, level: event.level)
            for (key, value) in fields {
                line.append(UInt8(ascii: " "))
                line += key.utf8
                line.append(UInt8(ascii: "="))
                switch value {
                case .string(let text): line += text.utf8
                case .stringConvertible(let convertible): line += convertible.description.utf8
                case .dictionary, .array: line += value.description.utf8
                }
            }
            appendTail(to: &line, source: event.source, message: message)
        }
        if event.level >= .warning { output.flush() }
    }

    func log(level: Logger.Level, message: String, sortedFields fields: [(key: String, value: String)], source: String)
    {
        let provided = metadataProvider?.get() ?? [:]
        guard metadata.isEmpty, provided.isEmpty else {
            var own: Logger.Metadata = [:]
            for (key, value) in fields { own[key] = .string(value) }
            write(
                LogEvent(
                    level: level, message: "\(message)", metadata: own, source: source, file: #fileID,
                    function: #function, line: #line),
                provided: provided)
            return
        }
        output.appendLine { line, timestamp in
            appendHead(to: &line, timestamp: timestamp, level: level)
            for (key, value) in fields {
                line.append(UInt8(ascii: " "))
                line += key.utf8
                line.append(UInt8(ascii: "="))
                line += value.utf8
            }
            appendTail(to: &line, source: source, message: message)
        }
        if level >= .warning { output.flush() }
    }

    /// "<time> <level> <label>:"
    private func appendHead(to line: inout [UInt8], timestamp: [UInt8], level: Logger.Level) {
        line += timestamp
        line.append(UInt8(ascii: " "))
        line += level.rawValue.utf8
        if !label.isEmpty { line.append(UInt8(ascii: " ")) }
        line += label.utf8
        line.append(UInt8(ascii: ":"))
    }

    /// " [<source>] <message>" and the newline.
    private func appendTail(to line: inout [UInt8], source: String, message: String) {
        line += " [".utf8
        line += source.utf8
        line += "] ".utf8
        line += message.utf8
        line.append(UInt8(ascii: "\n"))
    }
}
