import Synchronization

/// Counts the pooled clients in use so a job never blocks a pool thread in
/// `mongoc_client_pool_pop`: a task first takes a lease here (suspending, not
/// blocking, when all are out), then pops a client that is certain to be free.
/// Cursors, change streams and sessions keep their lease for their lifetime.
///
/// A task waiting for a lease stops waiting when it is cancelled (a request
/// past its time limit) or when its `MongoDeadline` passes, with a `.cancelled`
/// or `.timeout` error: it never takes a client for work nobody waits for any
/// more, and it leaves the queue at once instead of when a lease comes free.
final class ClientLeases: Sendable {
    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var available: Int
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(available: count))
    }

    func acquire() async throws(MongoError) {
        let granted = state.withLock { s in
            if s.available > 0 {
                s.available -= 1
                return true
            }
            return false
        }
        if granted { return }
        let id = state.withLock { s in
            s.nextID += 1
            return s.nextID
        }
        // The deadline is a timer that cancels the wait like a cancellation does.
        let deadline = MongoDeadline.current
        let timer = deadline.map { instant in
            Task { [weak self] in
                try? await Task.sleep(until: instant, clock: .continuous)
                if !Task.isCancelled { self?.abandon(id, with: MongoError.deadlinePassed) }
            }
        }
        defer { timer?.cancel() }
        do {
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    // Decided under the lock `abandon` takes too: either the
                    // waiter is queued before the cancellation or the timer can
                    // find it, or their reason is seen here.
                    let outcome: Result<Bool, MongoError> = state.withLock { s in
                        if s.available > 0 {
                            s.available -= 1
                            return .success(true)
                        }
                        if Task.isCancelled { return .failure(MongoError.cancelledWhileWaiting) }
                        if let deadline, ContinuousClock.now >= deadline { return .failure(MongoError.deadlinePassed) }
                        s.waiters.append(Waiter(id: id, continuation: continuation))
                        return .success(false)
                    }
                    switch outcome {
                    case .success(true): continuation.resume()
                    case .success(false): break
                    case .failure(let error): continuation.resume(throwing: error)
                    }
                }
            } onCancel: {
                abandon(id, with: MongoError.cancelledWhileWaiting)
            }
        } catch let error as MongoError {
            throw error
        } catch {
            throw MongoError.cancelledWhileWaiting
        }
        // Cancelled between being granted and running: hand the lease on.
        if Task.isCancelled {
            release()
            throw MongoError.cancelledWhileWaiting
        }
    }

    /// Takes waiter `id` out of the queue, if it is still there, and fails its wait.
    private func abandon(_ id: UInt64, with error: MongoError) {
        let waiter: Waiter? = state.withLock { s in
            guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return nil }
            return s.waiters.remove(at: index)
        }
        waiter?.continuation.resume(throwing: error)
    }

    /// Returns a lease; hands it straight to the longest waiter if there is one.
    func release() {
        let next: Waiter? = state.withLock { s in
            if s.waiters.isEmpty {
                s.available += 1
                return nil
            }
            return s.waiters.removeFirst()
        }
        next?.continuation.resume()
    }

    /// Tasks waiting for a lease now.
    var waiting: Int { state.withLock { $0.waiters.count } }
}

extension MongoError {
    /// The waiting task was cancelled before a client came free.
    static let cancelledWhileWaiting = MongoError(
        code: .cancelled, detail: "cancelled while waiting for a pooled client")
    /// The operation's deadline passed before a client came free.
    static let deadlinePassed = MongoError(code: .timeout, detail: "the operation's deadline passed before it was sent")
}
