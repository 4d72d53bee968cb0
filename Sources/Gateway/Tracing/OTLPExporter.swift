public import Logging
public import ServiceLifecycle
import Synchronization

/// The batch span processor and OTLP/HTTP exporter in one
/// (https://opentelemetry.io/docs/specs/otel/trace/sdk/#batching-processor):
/// ending a span appends it to a bounded queue under a short lock and
/// returns; a background task (`run`, a ServiceLifecycle service) sends the
/// queue every `interval`, at most `maxBatch` spans a request, to
/// `<endpoint>/v1/traces`. A span that finds the queue full is dropped and
/// counted (`supportcarr_tracing_spans_dropped_total{reason="queue_full"}`),
/// and so is a batch the collector did not take (`export_failed`): tracing
/// never waits on the collector and never retries into a growing backlog.
public final class OTLPExporter: Service, Sendable {
    public let configuration: TracingConfiguration
    private let queue = Mutex<[FinishedSpan]>([])
    private let post: OTLPHTTPPost
    private let metrics: GatewayMetrics?
    private let logger: Logger

    public init(configuration: TracingConfiguration, metrics: GatewayMetrics? = nil, logger: Logger) {
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        self.post = OTLPHTTPPost(
            host: configuration.host, port: configuration.port, path: configuration.path,
            timeout: .milliseconds(Int64(configuration.exportTimeout.components.seconds * 1000)))
    }

    /// Queues a finished span, or drops it when the queue is full.
    func enqueue(_ span: FinishedSpan) {
        let accepted = queue.withLock { queue in
            guard queue.count < configuration.maxQueueSize else { return false }
            queue.append(span)
            return true
        }
        if !accepted { metrics?.recordSpansDropped(1, reason: .queueFull) }
    }

    /// Spans waiting for the next export.
    public var queuedCount: Int { queue.withLock { $0.count } }

    /// Exports every queued span now, in batches of at most `maxBatch`.
    public func flush() async {
        while true {
            let batch: [FinishedSpan] = queue.withLock { queue in
                let count = min(queue.count, configuration.maxBatch)
                let batch = Array(queue.prefix(count))
                queue.removeFirst(count)
                return batch
            }
            guard !batch.isEmpty else { return }
            await export(batch)
        }
    }

    private func export(_ batch: [FinishedSpan]) async {
        let request = OTLPTraceRequest(serviceName: configuration.serviceName, spans: batch)
        let (body, contentType) =
            configuration.protocol == .json
            ? (request.json(), "application/json") : (request.protobuf(), "application/x-protobuf")
        do {
            let status = try await post.send(body, contentType: contentType)
            guard (200..<300).contains(status) else {
                throw OTLPHTTPPost.Failed(description: "the collector answered \(status)")
            }
            metrics?.recordSpansExported(batch.count)
        } catch {
            metrics?.recordSpansDropped(batch.count, reason: .exportFailed)
            logger.warning(
                "trace export failed, spans dropped",
                metadata: ["spans": .stringConvertible(batch.count), "error": .string("\(error)")])
        }
    }

    /// Exports every `interval` until graceful shutdown, then once more.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: self.configuration.interval)
                await self.flush()
            }
        }
        await flush()
    }
}
