internal import Foundation

/// A fixed set of dedicated threads that run blocking libmongoc calls, fed by a
/// FIFO queue. libmongoc blocks its calling thread for the whole network round
/// trip, so those calls must never run on Swift's cooperative pool (two threads
/// on a 2-core machine) or on an event loop; callers `await` ``run(_:)``, which
/// suspends them on a continuation that a pool thread resumes.
///
/// The pool is sized to the libmongoc client pool: every job holds at most one
/// client, so with as many threads as clients no job ever waits for a client.
///
/// It is also a `TaskExecutor`. A hop to a pool thread and back costs two
/// thread wake-ups (60–70 µs per findOne by `_id` in mongo-bench on the
/// development VM, a fifth of the call), so work that makes database calls one after another (a GraphQL
/// request) can run *on* these threads with
/// `withTaskExecutorPreference(client.taskExecutor)`: ``run(_:)`` then finds its
/// caller already on a pool thread and makes the blocking call right there,
/// which is exactly what the threads are for. Nothing else changes for such a
/// task: an `await` that suspends (a lease, a loader batch, a sleep) frees the
/// thread for other jobs.
final class BlockingExecutor: TaskExecutor, Sendable {
    typealias Job = @Sendable () -> Void

    /// A queued unit of work: a blocking closure from ``run(_:)``, or a slice of
    /// a task that prefers this executor.
    private enum Work {
        case closure(Job)
        case task(UnownedJob)
    }

    /// The queue and the shutdown flag, guarded by `condition`'s lock.
    private final class State: @unchecked Sendable {
        // Every access happens with `condition` locked (see `push`/`worker`).
        var jobs: [Work?] = []
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
        // The threads must not keep the executor alive (its deinit stops them),
        // so they get an unowned reference for running task jobs. A task that
        // prefers this executor retains it, so no task job outlives it.
        let executor = UnownedTaskExecutor(ordinary: self)
        for i in 0..<threadCount {
            let thread = Thread { [condition, state] in
                ThreadMarker.set(Self.marker(of: state))
                Self.worker(condition: condition, state: state, executor: executor)
            }
            thread.name = "\(name).\(i)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Nothing can queue work any more: let the threads drain the queue and exit.
    deinit {
        condition.lock()
        state.stopping = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a blocking closure. Jobs queued while the executor is going away still run.
    func enqueue(_ job: @escaping Job) {
        push(.closure(job))
    }

    /// `TaskExecutor`: runs a slice of a task that prefers this executor.
    func enqueue(_ job: consuming ExecutorJob) {
        push(.task(UnownedJob(job)))
    }

    private func push(_ work: Work) {
        condition.lock()
        state.jobs.append(work)
        condition.signal()
        condition.unlock()
    }

    /// Whether the calling thread is one of this executor's.
    var isCurrent: Bool { ThreadMarker.current == Self.marker(of: state) }

    /// Runs `body` on a pool thread and returns its result to the awaiting task:
    /// right here when the caller already runs on one (a task that prefers this
    /// executor), else after a hop to one.
    func run<R: Sendable>(_ body: @escaping @Sendable () throws(MongoError) -> R) async throws(MongoError) -> R {
        if isCurrent { return try body() }
        let result: Result<R, MongoError> = await withCheckedContinuation { continuation in
            enqueue {
                continuation.resume(returning: Result { () throws(MongoError) -> R in try body() })
            }
        }
        return try result.get()
    }

    private static func marker(of state: State) -> UnsafeMutableRawPointer {
        Unmanaged.passUnretained(state).toOpaque()
    }

    private static func worker(condition: NSCondition, state: State, executor: UnownedTaskExecutor) {
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
            let work = state.jobs[state.head]
            state.jobs[state.head] = nil
            state.head += 1
            if state.head > 64 && state.head * 2 > state.jobs.count {
                state.jobs.removeFirst(state.head)
                state.head = 0
            }
            condition.unlock()
            switch work {
            case .closure(let job): job()
            case .task(let job): job.runSynchronously(on: executor)
            case nil: break
            }
        }
    }
}

/// Which executor's pool thread the current thread is (a per-thread pointer:
/// a `BlockingExecutor`'s state), so ``BlockingExecutor/run(_:)`` can tell in a
/// few nanoseconds whether its caller may block right where it is.
private enum ThreadMarker {
    static let key: pthread_key_t = {
        var key = pthread_key_t()
        precondition(pthread_key_create(&key, nil) == 0, "pthread_key_create failed")
        return key
    }()

    static func set(_ marker: UnsafeMutableRawPointer) {
        pthread_setspecific(key, marker)
    }

    static var current: UnsafeMutableRawPointer? { pthread_getspecific(key) }
}
