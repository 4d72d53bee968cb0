import Synchronization

/// Counts the pooled clients in use so a job never blocks a pool thread in
/// `mongoc_client_pool_pop`: a task first takes a lease here (suspending, not
/// blocking, when all are out), then pops a client that is certain to be free.
/// Cursors, change streams and sessions keep their lease for their lifetime.
final class ClientLeases: Sendable {
    private struct State {
        var available: Int
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state: Mutex<State>

    init(count: Int) {
        state = Mutex(State(available: count))
    }

    func acquire() async {
        let granted = state.withLock { s in
            if s.available > 0 {
                s.available -= 1
                return true
            }
            return false
        }
        if granted { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let immediate = state.withLock { s in
                if s.available > 0 {
                    s.available -= 1
                    return true
                }
                s.waiters.append(continuation)
                return false
            }
            if immediate { continuation.resume() }
        }
    }

    /// Returns a lease; hands it straight to the longest waiter if there is one.
    func release() {
        let next: CheckedContinuation<Void, Never>? = state.withLock { s in
            if s.waiters.isEmpty {
                s.available += 1
                return nil
            }
            return s.waiters.removeFirst()
        }
        next?.resume()
    }
}
