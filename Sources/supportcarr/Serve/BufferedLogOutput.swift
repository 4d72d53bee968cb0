import Foundation
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

    private let pending = Mutex<[UInt8]>([])
    /// Held while a batch is written, so batches reach the file in order.
    private let writing = Mutex(())

    func write(_ string: String) {
        let full = pending.withLock { pending in
            pending.append(contentsOf: string.utf8)
            return pending.count >= Self.capacity
        }
        if full { flush() }
    }

    /// Writes out what is buffered.
    func flush() {
        writing.withLock { _ in
            let batch = pending.withLock { pending in
                defer { pending.removeAll(keepingCapacity: true) }
                return pending
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

/// swift-log's text format on ``BufferedLogOutput``, flushing after a line of
/// level `warning` or above.
struct LevelFlushingLogHandler: LogHandler {
    private var text: StreamLogHandler
    private let output: BufferedLogOutput

    init(label: String, output: BufferedLogOutput = .shared) {
        self.text = StreamLogHandler(label: label, stream: output)
        self.output = output
    }

    func log(event: LogEvent) {
        text.log(event: event)
        if event.level >= .warning { output.flush() }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { text[metadataKey: key] }
        set { text[metadataKey: key] = newValue }
    }

    var metadata: Logger.Metadata {
        get { text.metadata }
        set { text.metadata = newValue }
    }

    var logLevel: Logger.Level {
        get { text.logLevel }
        set { text.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { text.metadataProvider }
        set { text.metadataProvider = newValue }
    }
}
