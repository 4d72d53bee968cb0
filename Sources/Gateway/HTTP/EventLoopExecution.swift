import HummingbirdCore
import Logging
import NIOCore

/// A connection's event loop as a `TaskExecutor`, so that the task handling
/// the connection's requests runs on the thread that reads them and writes
/// the answers.
///
/// Without it, Hummingbird handles a connection in a task on Swift's
/// cooperative pool: every request costs a thread wake-up from the event
/// loop to the pool on the way in, and another from the pool back to the
/// event loop to write the response, on top of the two of a database call
/// (to a database thread and back). On the 2-core development VM, taking
/// them out cut a rider's-history request's gateway CPU by a fifth to a
/// quarter and its latency under `wrk` by 0.3–0.6 ms (Benchmarks/README.md,
/// "Connections on their event loop; raw and gateway interleaved").
///
/// Only work that never blocks runs here: parsing, validation, the caches,
/// the response's JSON. Every database call runs on a database thread
/// (`MongoClient.taskExecutor`: an operation's execution is a task that
/// prefers it, and `MongoStore` hops there for any other call), so a
/// blocked database leaves the loop free to answer at the time limit.
final class EventLoopTaskExecutor: TaskExecutor {
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    /// Runs the job on the loop: queued behind the loop's current work when
    /// called on the loop itself (no wake-up), else handed over like any
    /// other `execute`.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        loop.execute { job.runSynchronously(on: executor) }
    }
}

/// A server child channel whose connections are handled on their own event
/// loop (``EventLoopTaskExecutor``), each with its own
/// ``ConnectionCredentials``; otherwise `base` unchanged.
///
/// The preference covers the connection's task and what it runs in place
/// (middleware, handlers, the WebSocket of an upgraded connection); a task
/// with a preference of its own (an operation's execution) or an
/// unstructured task does not inherit it.
struct EventLoopBoundChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        base.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        await withTaskExecutorPreference(EventLoopTaskExecutor(value.channel.eventLoop)) {
            await ConnectionCredentials.$current.withValue(ConnectionCredentials()) {
                await base.handle(value: value, logger: logger)
            }
        }
    }
}
