public import CoreMetrics
import Synchronization
public import Tracing

/// Metrics and spans for each database command, emitted through the
/// ecosystem's APIs (swift-metrics, swift-distributed-tracing) so this layer
/// knows no backend: the server that binds one decides where they go
/// (`README.md`, "Metrics" and "Tracing").
///
/// Bound for a task with ``CommandInstrumentation/$current``, like
/// ``RoundTripCounter``: every command made by that task and its children is
/// measured; nothing is when none is bound. A task-local rather than a
/// property of the client, so that each gateway of a process (tests run many)
/// counts into its own registry whatever client it shares.
///
/// Per command: a latency histogram and a failure counter, both labelled by
/// collection and command name. Command names are this layer's fixed set
/// (``MongoCommandName``); collection names come from code, not clients, and
/// are capped anyway (`maxCollectionLabels`, then `other`) so a label can
/// never grow without bound. With a tracer, a client span per command
/// carrying the collection, the command and the number of documents, never a
/// filter or a value (OpenTelemetry's database conventions,
/// https://opentelemetry.io/docs/specs/semconv/database/database-spans/).
public final class CommandInstrumentation: Sendable {
    /// The command currently measured's task, if one is bound.
    @TaskLocal public static var current: CommandInstrumentation?

    /// A histogram (swift-metrics `Timer`) of command latency, labels `collection` and `command`.
    public static let durationMetric = "supportcarr_db_command_duration_seconds"
    /// A counter of commands that failed, labels `collection` and `command`.
    public static let failuresMetric = "supportcarr_db_command_failures_total"

    /// Where spans go; nil records none (and allocates none).
    public let tracer: (any Tracer)?
    /// Distinct collection labels kept before new names count as `other`.
    public let maxCollectionLabels: Int
    private let factory: any MetricsFactory
    private let series = Mutex<[SeriesKey: Series]>([:])

    private struct SeriesKey: Hashable {
        let collection: String
        let command: MongoCommandName
    }

    private struct Series: Sendable {
        let duration: CoreMetrics.Timer
        let failures: CoreMetrics.Counter
    }

    public init(metrics: any MetricsFactory, tracer: (any Tracer)? = nil, maxCollectionLabels: Int = 64) {
        self.factory = metrics
        self.tracer = tracer
        self.maxCollectionLabels = maxCollectionLabels
    }

    /// The handles for one (collection, command); made once, then looked up
    /// under a short lock (a dictionary read: a database command costs far more).
    private func handles(collection: String, command: MongoCommandName) -> Series {
        series.withLock { series in
            if let found = series[SeriesKey(collection: collection, command: command)] { return found }
            let distinct = Set(series.keys.map(\.collection))
            let label = distinct.contains(collection) || distinct.count < maxCollectionLabels ? collection : "other"
            let key = SeriesKey(collection: label, command: command)
            if let found = series[key] { return found }
            let dimensions = [("collection", label), ("command", command.rawValue)]
            let made = Series(
                duration: CoreMetrics.Timer(label: Self.durationMetric, dimensions: dimensions, factory: factory),
                failures: CoreMetrics.Counter(label: Self.failuresMetric, dimensions: dimensions, factory: factory))
            series[key] = made
            if label != collection { series[SeriesKey(collection: collection, command: command)] = made }
            return made
        }
    }

    /// Runs one command, timing it and, with a tracer, in a client span.
    ///
    /// - Parameter documents: how many documents the command returned or
    ///   wrote, for the span; nil when that is not known.
    func measure<R>(
        _ command: MongoCommandName, database: String, collection: String?,
        documents: (R) -> Int? = { _ in nil },
        _ body: () async throws(MongoError) -> R
    ) async throws(MongoError) -> R {
        let handles = handles(collection: collection ?? "", command: command)
        let span = tracer.map { tracer in
            let span = tracer.startSpan(
                collection.map { "\(command.rawValue) \($0)" } ?? command.rawValue,
                context: ServiceContext.current ?? .topLevel, ofKind: .client)
            span.attributes["db.system.name"] = "mongodb"
            span.attributes["db.namespace"] = database
            if let collection { span.attributes["db.collection.name"] = collection }
            span.attributes["db.operation.name"] = command.rawValue
            return span
        }
        let start = ContinuousClock.now
        do {
            let result = try await body()
            handles.duration.recordInterval(start, to: .now)
            if let span {
                if let count = documents(result) { span.attributes["db.response.returned_rows"] = count }
                span.end()
            }
            return result
        } catch {
            handles.duration.recordInterval(start, to: .now)
            handles.failures.increment()
            if let span {
                span.attributes["error.type"] = error.code.description
                span.setStatus(SpanStatus(code: .error))
                span.end()
            }
            throw error
        }
    }
}

extension CoreMetrics.Timer {
    fileprivate func recordInterval(_ start: ContinuousClock.Instant, to end: ContinuousClock.Instant) {
        let elapsed = (end - start).components
        recordNanoseconds(elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
    }
}

/// The database commands this layer sends, by the server's name for each: a
/// fixed set, so a metrics label made of one stays bounded.
public enum MongoCommandName: String, Sendable, CaseIterable {
    case find, aggregate, count, distinct, insert, update, delete, findAndModify, bulkWrite
    case createIndexes, listIndexes, dropIndexes, drop
    /// Any other command sent through `MongoDatabase.runCommand` (ping, listCollections...).
    case command

    /// The command a `runCommand` document names: its first key, when that
    /// is one of this set; else `command`.
    init(commandDocument: BSONDocument) {
        guard let first = commandDocument.elements.first?.key else {
            self = .command
            return
        }
        self = MongoCommandName(rawValue: first) ?? .command
    }
}
