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
func withDeadline<T: Sendable>(
    _ limit: Duration, executor: (any TaskExecutor)? = nil, _ work: @escaping @Sendable () async -> T
) async -> T? {
    let first = FirstResult<T?>()
    let worker = Task(executorPreference: executor) { await work() }
    let answer: T? = await withTaskCancellationHandler {
        await withCheckedContinuation { (continuation: CheckedContinuation<T?, Never>) in
            first.install(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                if !Task.isCancelled, first.resume(with: nil) { worker.cancel() }
            }
            Task {
                let value = await worker.value
                if first.resume(with: value) { timer.cancel() }
            }
        }
    } onCancel: {
        worker.cancel()
    }
    return answer
}

/// A continuation resumed exactly once, by whichever side gets there first.
/// It is installed before either side starts (inside `withCheckedContinuation`'s
/// body), so a resume never finds it missing.
private final class FirstResult<T: Sendable>: Sendable {
    private let continuation = Mutex<CheckedContinuation<T, Never>?>(nil)

    func install(_ continuation: CheckedContinuation<T, Never>) {
        self.continuation.withLock { $0 = continuation }
    }

    /// Resumes with `value` if nothing did before; true when this call won.
    func resume(with value: T) -> Bool {
        guard
            let continuation = self.continuation.withLock({ slot -> CheckedContinuation<T, Never>? in
                defer { slot = nil }
                return slot
            })
        else { return false }
        continuation.resume(returning: value)
        return true
    }
}
