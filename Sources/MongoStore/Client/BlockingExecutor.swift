internal import Foundation

/// A fixed set of dedicated threads that run blocking libmongoc calls, fed by a
/// FIFO queue. libmongoc blocks its calling thread for the whole network round
/// trip, so those calls must never run on Swift's cooperative pool (two threads
/// on a 2-core machine) or on an event loop; callers `await` ``run(_:)``, which
/// suspends them on a continuation that a pool thread resumes.
///
/// The pool is sized to the libmongoc client pool: every job holds at most one
/// client, so with as many threads as clients no job ever waits for a client.
final class BlockingExecutor: Sendable {
    typealias Job = @Sendable () -> Void

    /// The queue and the shutdown flag, guarded by `condition`'s lock.
    private final class State: @unchecked Sendable {
        // Every access happens with `condition` locked (see `enqueue`/`worker`).
        var jobs: [Job?] = []
        var head = 0
        var stopping = false
        var running = 0
    }

    private let condition = NSCondition()
    private let state = State()
    let threadCount: Int

    init(threads: Int, name: String = "MongoStore.blocking") {
        threadCount = max(1, threads)
        state.running = threadCount
        for i in 0..<threadCount {
            let thread = Thread { [condition, state] in Self.worker(condition: condition, state: state) }
            thread.name = "\(name).\(i)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Queues a job. Jobs queued after ``shutdown()`` still run: shutdown drains.
    func enqueue(_ job: @escaping Job) {
        condition.lock()
        state.jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Runs `body` on a pool thread and returns its result to the awaiting task.
    func run<R: Sendable>(_ body: @escaping @Sendable () throws(MongoError) -> R) async throws(MongoError) -> R {
        let result: Result<R, MongoError> = await withCheckedContinuation { continuation in
            enqueue {
                continuation.resume(returning: Result { () throws(MongoError) -> R in try body() })
            }
        }
        return try result.get()
    }

    /// Lets the threads finish the queued jobs and exit.
    func shutdown() {
        condition.lock()
        state.stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private static func worker(condition: NSCondition, state: State) {
        while true {
            condition.lock()
            while state.head == state.jobs.count && !state.stopping {
                condition.wait()
            }
            if state.head == state.jobs.count {  // stopping and drained
                state.running -= 1
                condition.unlock()
                return
            }
            // Take the job out of the queue: a finished job must not keep what
            // it captured (the client pool itself) alive.
            let job = state.jobs[state.head]
            state.jobs[state.head] = nil
            state.head += 1
            if state.head > 64 && state.head * 2 > state.jobs.count {
                state.jobs.removeFirst(state.head)
                state.head = 0
            }
            condition.unlock()
            job?()
        }
    }
}
