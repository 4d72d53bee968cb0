import Synchronization
public import Tracing

/// A span of `OTLPTracer`: mutable until it ends (under a lock, as the
/// `Span` protocol asks of an implementation shared between tasks), then
/// handed once to the exporter as a `FinishedSpan`.
public final class OTLPSpan: Span {
    public let context: ServiceContext
    let trace: TraceContext
    let parentSpanID: [UInt8]?
    let kind: SpanKind
    let start: UInt64
    /// Nil for a span that is not sampled: it records nothing.
    private let exporter: OTLPExporter?
    private let state: Mutex<State>

    private struct State {
        var name: String
        var attributes = SpanAttributes()
        var status: SpanStatus?
        var events: [SpanEvent] = []
        var ended = false
    }

    init(
        name: String, kind: SpanKind, context: ServiceContext, trace: TraceContext, parentSpanID: [UInt8]?,
        start: UInt64, exporter: OTLPExporter?
    ) {
        self.context = context
        self.trace = trace
        self.parentSpanID = parentSpanID
        self.kind = kind
        self.start = start
        self.exporter = exporter
        self.state = Mutex(State(name: name))
    }

    public var operationName: String {
        get { state.withLock { $0.name } }
        set { state.withLock { $0.name = newValue } }
    }

    public var attributes: SpanAttributes {
        get { state.withLock { $0.attributes } }
        set {
            guard isRecording else { return }
            state.withLock { $0.attributes = newValue }
        }
    }

    public var isRecording: Bool { exporter != nil }

    public func setStatus(_ status: SpanStatus) {
        state.withLock { state in
            // An OK status is final (https://opentelemetry.io/docs/specs/otel/trace/api/#set-status).
            if state.status?.code != .ok { state.status = status }
        }
    }

    public func addEvent(_ event: SpanEvent) {
        guard isRecording else { return }
        state.withLock { $0.events.append(event) }
    }

    /// Records the error's type only: its description may carry a value a
    /// client sent or a database message, which never leave the process.
    public func recordError<Instant: TracerInstant>(
        _ error: any Error, attributes: SpanAttributes, at instant: @autoclosure () -> Instant
    ) {
        guard isRecording else { return }
        var attributes = attributes
        attributes["exception.type"] = "\(type(of: error))"
        let event = SpanEvent(name: "exception", at: instant(), attributes: attributes)
        state.withLock { $0.events.append(event) }
    }

    public func addLink(_ link: SpanLink) {}

    public func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) {
        let end = instant().nanosecondsSinceEpoch
        let finished: FinishedSpan? = state.withLock { state in
            guard !state.ended else { return nil }
            state.ended = true
            guard exporter != nil else { return nil }
            return FinishedSpan(
                traceID: trace.traceID, spanID: trace.spanID, parentSpanID: parentSpanID, flags: trace.flags,
                name: state.name, kind: kind, start: start, end: end, attributes: state.attributes,
                status: state.status, events: state.events)
        }
        if let finished { exporter?.enqueue(finished) }
    }
}

/// What is exported of a span once it has ended.
struct FinishedSpan: Sendable {
    let traceID: [UInt8]
    let spanID: [UInt8]
    let parentSpanID: [UInt8]?
    let flags: UInt8
    let name: String
    let kind: SpanKind
    /// Nanoseconds since the Unix epoch.
    let start: UInt64
    let end: UInt64
    let attributes: SpanAttributes
    let status: SpanStatus?
    let events: [SpanEvent]
}
