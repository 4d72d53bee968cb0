import NIOCore
import NIOPosix
import Synchronization

/// Runs `work` in its own task and returns its result, or nil when `limit`
/// passes first; the work's task is then cancelled and left to end in the
/// background (its result is dropped).
///
/// Not a task group on purpose: a group waits for every child before it
/// returns, so work that does not check for cancellation (a blocking database
/// call) would hold the answer past the limit. The work inherits the caller's
/// task-local values (the round-trip counter) and runs on `executor` when one
/// is given (an unstructured task does not inherit the caller's preference).
///
/// One task per call: the work's own, which answers when it ends. The limit
/// is a timer on an event loop (a heap entry, cancelled when the work wins),
/// not a second task sleeping and a third waiting: a request's tasks are what
/// a cheap request's throughput is spent on (scheduling, not work).
func withDeadline<T: Sendable>(
    _ limit: Duration, executor: (any TaskExecutor)? = nil, _ work: @escaping @Sendable () async -> T
) async -> T? {
    let first = FirstResult<T?>()
    return await withTaskCancellationHandler {
        await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            first.install(continuation)
            let (seconds, attoseconds) = limit.components
            let nanoseconds = seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
            let timer = MultiThreadedEventLoopGroup.singleton.any().scheduleTask(in: .nanoseconds(nanoseconds)) {
                if first.resume(with: nil) { first.cancelWork() }
            }
            first.setWork(
                Task(executorPreference: executor) {
                    let value = await work()
                    if first.resume(with: value) { timer.cancel() }
                })
        }
    } onCancel: {
        first.cancelWork()
    }
}

/// A continuation resumed exactly once, by whichever side gets there first.
/// It is installed before either side starts (inside `withCheckedContinuation`'s
/// body), so a resume never finds it missing.
private final class FirstResult<T: Sendable>: Sendable {
    private struct State {
        var continuation: CheckedContinuation<T, Never>?
        var work: Task<Void, Never>?
        /// Set when the work is to stop (the limit passed, the caller was
        /// cancelled), also before its task is known.
        var stop = false
    }

    private let state = Mutex(State())

    func install(_ continuation: CheckedContinuation<T, Never>) {
        state.withLock { $0.continuation = continuation }
    }

    /// The work's task, cancelled at once when it was stopped before.
    func setWork(_ task: Task<Void, Never>) {
        let stop = state.withLock { state in
            state.work = task
            return state.stop
        }
        if stop { task.cancel() }
    }

    func cancelWork() {
        let task = state.withLock { state in
            state.stop = true
            return state.work
        }
        task?.cancel()
    }

    /// Resumes with `value` if nothing did before; true when this call won.
    func resume(with value: T) -> Bool {
        guard
            let continuation = state.withLock({ state -> CheckedContinuation<T, Never>? in
                defer { state.continuation = nil }
                return state.continuation
            })
        else { return false }
        continuation.resume(returning: value)
        return true
    }
}
