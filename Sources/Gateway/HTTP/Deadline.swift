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
/// One task per call: the work's, which hands its result straight to the
/// waiting caller; the limit is an entry in `DeadlineTimer`, not a sleeping
/// task of its own.
func withDeadline<T: Sendable>(
    _ limit: Duration, executor: (any TaskExecutor)? = nil, _ work: @escaping @Sendable () async -> T
) async -> T? {
    let race = DeadlineRace<T?>()
    let worker = Task(executorPreference: executor) { race.finish(with: await work()) }
    race.setTimer(
        DeadlineTimer.shared.schedule(after: limit) {
            if race.finish(with: nil) { worker.cancel() }
        })
    return await withTaskCancellationHandler {
        await withCheckedContinuation { race.install($0) }
    } onCancel: {
        worker.cancel()
    }
}

/// Who answers a `withDeadline` call first, the work or its limit: the first
/// `finish` is the answer; a later one is dropped. The answer may come before
/// the caller waits for it (fast work), so it is kept until `install`.
private final class DeadlineRace<T: Sendable>: Sendable {
    private enum Answer {
        case pending
        case waiting(CheckedContinuation<T, Never>)
        case early(T)
        case delivered
    }

    private struct State {
        var answer = Answer.pending
        var timer: DeadlineTimer.Handle?
        var over = false
    }

    private let state = Mutex(State())

    /// The caller waits: resumed at once if the answer is already there.
    func install(_ continuation: CheckedContinuation<T, Never>) {
        let early: T? = state.withLock { state in
            guard case .early(let value) = state.answer else {
                state.answer = .waiting(continuation)
                return nil
            }
            state.answer = .delivered
            return value
        }
        if let early { continuation.resume(returning: early) }
    }

    /// Gives the answer if none was given; true when this call gave it. The
    /// limit's timer is cancelled once the race is over.
    @discardableResult
    func finish(with value: T) -> Bool {
        let (won, continuation, timer) = state.withLock {
            state -> (Bool, CheckedContinuation<T, Never>?, DeadlineTimer.Handle?) in
            guard !state.over else { return (false, nil, nil) }
            state.over = true
            defer { state.timer = nil }
            switch state.answer {
            case .waiting(let continuation):
                state.answer = .delivered
                return (true, continuation, state.timer)
            default:
                state.answer = .early(value)
                return (true, nil, state.timer)
            }
        }
        if let timer { DeadlineTimer.shared.cancel(timer) }
        continuation?.resume(returning: value)
        return won
    }

    /// Keeps the limit's timer, to cancel when the race ends; cancels it at
    /// once when the work has already answered.
    func setTimer(_ timer: DeadlineTimer.Handle) {
        let over = state.withLock { state in
            if !state.over { state.timer = timer }
            return state.over
        }
        if over { DeadlineTimer.shared.cancel(timer) }
    }
}
