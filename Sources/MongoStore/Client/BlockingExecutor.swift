internal import Foundation
import Synchronization

/// A fixed set of dedicated threads that run blocking libmongoc calls, fed by a
/// FIFO queue. libmongoc blocks its calling thread for the whole network round
/// trip, so those calls must never run on Swift's cooperative pool (two threads
/// on a 2-core machine) or on an event loop; callers `await` ``run(_:)``, which
/// suspends them on a continuation that a pool thread resumes.
///
/// The pool is sized to the libmongoc client pool: every job holds at most one
/// client, so with as many threads as clients no job ever waits for a client.
///
/// A thread that finishes a job and finds the queue empty polls it for a short
/// while (``spinLimit``) before parking on the condition: a request that
/// follows another closely (the common case under load, and a caller's next
/// query after awaiting the previous one) is then picked up without the cost of
/// waking a parked thread, which on Linux is a futex wake plus a reschedule
/// (tens of microseconds on a busy machine). `enqueue` signals only when some
/// thread is parked.
final class BlockingExecutor: Sendable {
    typealias Job = @Sendable () -> Void

    /// How long an idle thread polls for the next job before it parks.
    static let spinLimit: Duration = .microseconds(Int(ProcessInfo.processInfo.environment["MONGOSTORE_SPIN_US"] ?? "50") ?? 50)

    /// The queue and the shutdown flag, guarded by `condition`'s lock.
    private final class State: @unchecked Sendable {
        // Every access happens with `condition` locked (see `enqueue`/`worker`).
        var jobs: [Job?] = []
        var head = 0
        var stopping = false
        var running = 0
        /// Threads waiting on the condition (not those polling).
        var parked = 0
    }

    private let condition = NSCondition()
    private let state = State()
    /// Jobs queued and not yet taken: what polling threads read without the lock.
    /// Written only with `condition` locked, so it always equals the queue length.
    private let pending = Atomic<Int>(0)
    let threadCount: Int

    init(threads: Int, name: String = "MongoStore.blocking") {
        threadCount = max(1, threads)
        state.running = threadCount
        for i in 0..<threadCount {
            let thread = Thread { [self] in self.worker() }
            thread.name = "\(name).\(i)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Queues a job. Jobs queued after ``shutdown()`` still run: shutdown drains.
    func enqueue(_ job: @escaping Job) {
        condition.lock()
        state.jobs.append(job)
        pending.add(1, ordering: .releasing)
        // A polling thread takes the job by itself; only a parked one needs waking.
        if state.parked > 0 { condition.signal() }
        condition.unlock()
    }

    /// Runs `body` on a pool thread and returns its result to the awaiting task.
    /// `nonisolated(nonsending)`: the caller stays on its own executor until it
    /// suspends, and is resumed there, so an actor-isolated caller pays one hop
    /// to the pool thread and one back, not an extra pass through the global
    /// executor each way.
    nonisolated(nonsending)
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

    /// Polls `pending` until a job shows up or ``spinLimit`` passes; true if one did.
    /// Yields the CPU between polls so a waiting thread never starves the thread
    /// that would queue the job (two cores, shared).
    private func pollForJob() -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: Self.spinLimit)
        while true {
            for _ in 0..<64 where pending.load(ordering: .acquiring) > 0 { return true }
            if clock.now >= deadline { return false }
            sched_yield()
        }
    }

    private func worker() {
        // The executor is retained by the thread while it runs; the threads end
        // at `shutdown()`, which the client pool's deinit calls.
        while true {
            if pending.load(ordering: .relaxed) == 0 { _ = pollForJob() }
            condition.lock()
            if state.head == state.jobs.count && !state.stopping {
                state.parked += 1
                while state.head == state.jobs.count && !state.stopping {
                    condition.wait()
                }
                state.parked -= 1
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
            pending.subtract(1, ordering: .relaxed)
            if state.head > 64 && state.head * 2 > state.jobs.count {
                state.jobs.removeFirst(state.head)
                state.head = 0
            }
            condition.unlock()
            job?()
        }
    }
}
