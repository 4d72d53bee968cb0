public import Tracing

/// A swift-distributed-tracing `Tracer` whose finished spans go to an
/// OpenTelemetry collector over OTLP/HTTP (`OTLPExporter`), written here
/// rather than taken from swift-otel (`README.md`, "Tracing", says why).
///
/// Propagation is W3C Trace Context: `extract` reads `traceparent`, so a
/// request's span becomes the child of the caller's; `inject` writes it.
/// Sampling is parent-based, always on for a new trace: a span whose parent
/// says "not sampled" is not recorded (nor exported) but still carries the
/// trace on. Ending a span only appends it to the exporter's bounded queue,
/// so tracing never blocks a request.
public struct OTLPTracer: Tracer {
    public typealias Span = OTLPSpan

    let exporter: OTLPExporter

    public init(exporter: OTLPExporter) {
        self.exporter = exporter
    }

    public func startSpan<Instant: TracerInstant>(
        _ operationName: String, context: @autoclosure () -> ServiceContext, ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant, function: String, file fileID: String, line: UInt
    ) -> OTLPSpan {
        var context = context()
        var generator = SystemRandomNumberGenerator()
        let parent = context.traceContext
        let own: TraceContext
        if let parent {
            own = TraceContext(
                traceID: parent.traceID, spanID: TraceContext.randomSpanID(using: &generator), flags: parent.flags)
        } else {
            let ids = TraceContext.random(using: &generator)
            own = TraceContext(traceID: ids.traceID, spanID: ids.spanID, flags: 0x01)
        }
        context.traceContext = own
        return OTLPSpan(
            name: operationName, kind: kind, context: context, trace: own, parentSpanID: parent?.spanID,
            start: instant().nanosecondsSinceEpoch, exporter: own.isSampled ? exporter : nil)
    }

    public func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier, into context: inout ServiceContext, using extractor: Extract
    ) where Extract.Carrier == Carrier {
        guard let value = extractor.extract(key: "traceparent", from: carrier),
            let parent = TraceContext(traceparent: value)
        else { return }
        context.traceContext = parent
    }

    public func inject<Carrier, Inject: Injector>(
        _ context: ServiceContext, into carrier: inout Carrier, using injector: Inject
    ) where Inject.Carrier == Carrier {
        guard let trace = context.traceContext else { return }
        injector.inject(trace.traceparent, forKey: "traceparent", into: &carrier)
    }

    public func forceFlush() {}
}
