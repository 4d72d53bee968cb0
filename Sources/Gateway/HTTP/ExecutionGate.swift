import Synchronization

/// The bounded queue in front of execution: at most `maxRunning` operations
/// execute at once, at most `maxQueued` wait for their turn (in arrival
/// order), and one more is turned away at once (`enter` returns false; the
/// gateway answers 503 with `Retry-After`) instead of joining a queue that
/// would only grow under overload while every request in it times out.
///
/// A waiting operation leaves the queue when its task is cancelled (its time
/// limit passed), so the queue holds only operations someone still waits for.
final class ExecutionGate: Sendable {
    let maxRunning: Int
    let maxQueued: Int

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var running = 0
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    init(maxRunning: Int, maxQueued: Int) {
        self.maxRunning = max(1, maxRunning)
        self.maxQueued = max(0, maxQueued)
    }

    /// Waits for a turn: true once the operation may run (call `leave` when it
    /// is done), false when the queue is full or the task was cancelled while
    /// it waited (then it must not run and must not call `leave`).
    func enter() async -> Bool {
        enum Decision {
            case run, refuse
            case wait(UInt64)
        }
        let decision: Decision = state.withLock { s in
            if s.running < maxRunning && s.waiters.isEmpty {
                s.running += 1
                return .run
            }
            if s.waiters.count >= maxQueued { return .refuse }
            s.nextID += 1
            return .wait(s.nextID)
        }
        guard case .wait(let id) = decision else {
            if case .run = decision { return true }
            return false
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let outcome: Bool? = state.withLock { s in
                    if Task.isCancelled { return false }
                    if s.running < maxRunning && s.waiters.isEmpty {
                        s.running += 1
                        return true
                    }
                    s.waiters.append(Waiter(id: id, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(returning: outcome) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { s in
                guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return s.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: false)
        }
    }

    /// Ends a turn; the longest waiter, if any, runs in its place.
    func leave() {
        let next: Waiter? = state.withLock { s in
            if s.waiters.isEmpty {
                s.running -= 1
                return nil
            }
            return s.waiters.removeFirst()
        }
        next?.continuation.resume(returning: true)
    }

    /// Operations executing and waiting now.
    var load: (running: Int, queued: Int) { state.withLock { ($0.running, $0.waiters.count) } }
}
