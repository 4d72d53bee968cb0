import Synchronization

/// Counts the database operations a unit of work sends (a command, a query, a
/// write, a streaming cursor's next batch), so a server can report database
/// round trips per request without threading a counter through every call.
///
/// One operation is one count: a `find` that reads its whole result in one
/// call counts one even when a large result takes extra `getMore` batches on
/// the wire, so for large reads this is a lower bound of the wire round trips.
///
/// Bind one for a task with ``RoundTripCounter/$current``; every operation made by
/// that task and its child tasks (task-locals are inherited, unstructured `Task
/// {}` included) adds one. Nothing is counted when none is bound.
///
/// ```swift
/// let counter = RoundTripCounter()
/// await RoundTripCounter.$current.withValue(counter) { await handle(request) }
/// metrics.record(roundTrips: counter.count)
/// ```
public final class RoundTripCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// The counter of the running task, if one is bound.
    @TaskLocal public static var current: RoundTripCounter?

    public init() {}

    /// Operations counted so far.
    public var count: Int { value.load(ordering: .relaxed) }

    func increment() { value.add(1, ordering: .relaxed) }

    /// Adds one to the current task's counter, if any.
    static func countOne() { current?.increment() }
}
