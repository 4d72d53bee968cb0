import Foundation
import Glibc
import Synchronization

/// One thread that fires every request's time limit (`withDeadline`).
///
/// A limit per request as a `Task` sleeping on `Task.sleep` cost a task, a
/// dispatch timer armed on the dispatch manager's thread and, when the request
/// ended first (nearly always), a cancellation that woke both again: several
/// thread wake-ups per database request for a timer that almost never fires.
/// Here a limit is an entry in a heap under a lock. The thread sleeps until
/// the earliest live limit and is woken only when a new limit comes before
/// it, which with one execution limit for every request is rare: limits are
/// added in the order they end.
///
/// A cancelled limit is dropped from the table at once and from the heap
/// lazily (when it reaches the top, or when stale entries outnumber live ones
/// and the heap is rebuilt), so memory stays proportional to the limits in
/// force. Callbacks run on the timer's thread and must be short: they resume
/// a continuation and cancel a task.
final class DeadlineTimer: Sendable {
    static let shared = DeadlineTimer(name: "supportcarr.deadlines")

    /// A scheduled limit, for `cancel`.
    struct Handle: Sendable, Hashable {
        fileprivate let id: UInt64
    }

    private struct Pending {
        /// CLOCK_MONOTONIC nanoseconds.
        let at: UInt64
        let id: UInt64
    }

    private struct State {
        var heap: [Pending] = []
        var live: [UInt64: @Sendable () -> Void] = [:]
        var nextID: UInt64 = 0
        /// When the thread will next look (nil: asleep with nothing to wait for).
        var wakeAt: UInt64?
    }

    private let state = Mutex(State())
    private let wakeUp = MonotonicCondition()

    private init(name: String) {
        let thread = Thread { [self] in run() }
        thread.name = name
        thread.start()
    }

    /// Calls `fire` on the timer's thread once `duration` has passed, unless
    /// `cancel` comes first.
    func schedule(after duration: Duration, _ fire: @escaping @Sendable () -> Void) -> Handle {
        let at = MonotonicCondition.now() &+ Self.nanoseconds(duration)
        let (handle, wake) = state.withLock { state -> (Handle, Bool) in
            state.nextID += 1
            let id = state.nextID
            state.live[id] = fire
            Self.push(Pending(at: at, id: id), into: &state.heap)
            if state.heap.count > 1_024 && state.heap.count > 2 * state.live.count {
                // Mostly cancelled entries: keep only the live ones.
                state.heap = state.heap.filter { state.live[$0.id] != nil }
                Self.heapify(&state.heap)
            }
            let wake = state.wakeAt.map { at < $0 } ?? true
            if wake { state.wakeAt = at }
            return (Handle(id: id), wake)
        }
        if wake { wakeUp.signal() }
        return handle
    }

    /// Forgets a limit; nothing happens if it already fired.
    func cancel(_ handle: Handle) {
        _ = state.withLock { $0.live.removeValue(forKey: handle.id) }
    }

    /// Limits in force (tests).
    var count: Int { state.withLock { $0.live.count } }

    private func run() {
        while true {
            let now = MonotonicCondition.now()
            var due: [@Sendable () -> Void] = []
            let next: UInt64? = state.withLock { state in
                while let top = state.heap.first {
                    guard let fire = state.live[top.id] else {
                        Self.popTop(&state.heap)
                        continue
                    }
                    guard top.at <= now else { break }
                    Self.popTop(&state.heap)
                    state.live[top.id] = nil
                    due.append(fire)
                }
                state.wakeAt = state.heap.first?.at
                return state.wakeAt
            }
            for fire in due { fire() }
            wakeUp.wait(until: next) { self.state.withLock { $0.wakeAt } != next }
        }
    }

    private static func nanoseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0 else { return 0 }
        let whole = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        if whole.overflow { return .max / 2 }
        return whole.partialValue &+ UInt64(max(0, attoseconds) / 1_000_000_000)
    }

    // MARK: Binary min-heap on `at`

    private static func push(_ entry: Pending, into heap: inout [Pending]) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].at < heap[parent].at else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private static func popTop(_ heap: inout [Pending]) {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        siftDown(&heap, from: 0)
    }

    private static func heapify(_ heap: inout [Pending]) {
        guard heap.count > 1 else { return }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(&heap, from: index) }
    }

    private static func siftDown(_ heap: inout [Pending], from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            let right = left + 1
            let smaller = right < heap.count && heap[right].at < heap[left].at ? right : left
            guard heap[smaller].at < heap[parent].at else { return }
            heap.swapAt(parent, smaller)
            parent = smaller
        }
    }
}

/// A condition variable whose timed waits are on CLOCK_MONOTONIC (a change of
/// the wall clock moves no limit), for `DeadlineTimer`'s one thread.
private final class MonotonicCondition: @unchecked Sendable {
    // Allocated once, never moved; pthread objects must not be copied.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    /// A signal that came while the thread was not waiting.
    private var signalled = false

    init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    func signal() {
        pthread_mutex_lock(mutex)
        signalled = true
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Waits until `deadline` (forever when nil) or a `signal`; returns at once
    /// when a signal came since the last wait or `changed` says the plan moved.
    func wait(until deadline: UInt64?, changed: () -> Bool) {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        if signalled || changed() {
            signalled = false
            return
        }
        if let deadline {
            var time = timespec(
                tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
            pthread_cond_timedwait(condition, mutex, &time)
        } else {
            pthread_cond_wait(condition, mutex)
        }
        signalled = false
    }
}
