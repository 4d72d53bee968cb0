import Dispatch
import Synchronization
import Testing

@testable import Gateway

/// `withDeadline`: the work runs on the executor it is given (the gateway
/// passes the database client's, so an execution's database calls make no
/// hop), and an answer comes at the limit even when the work does not stop.
@Suite(.serialized) struct DeadlineTests {
    /// A task executor over one serial queue, which marks the queue so work
    /// can tell it runs there.
    final class QueueExecutor: TaskExecutor, @unchecked Sendable {
        // `queue` and `key` are immutable after init; DispatchQueue is thread-safe.
        let queue = DispatchQueue(label: "deadline-tests")
        let key = DispatchSpecificKey<Bool>()

        init() { queue.setSpecific(key: key, value: true) }

        func enqueue(_ job: consuming ExecutorJob) {
            let job = UnownedJob(job)
            let executor = asUnownedTaskExecutor()
            queue.async { job.runSynchronously(on: executor) }
        }

        var isCurrent: Bool { DispatchQueue.getSpecific(key: key) == true }
    }

    @Test func theWorkRunsOnTheGivenExecutorAndOtherwiseNotThere() async {
        let executor = QueueExecutor()
        let onExecutor = await withDeadline(.seconds(300), executor: executor) { executor.isCurrent }
        #expect(onExecutor == true)
        let without = await withDeadline(.seconds(300)) { executor.isCurrent }
        #expect(without == false)
    }

    /// A `withDeadline` that waited for its work would never answer here (the
    /// work is released only after the answer): the time limit turns that
    /// into a failure.
    @Test(.timeLimit(.minutes(1))) func theAnswerComesAtTheLimitWhileTheWorkBlocksItsThread() async {
        // The work blocks its thread and ignores cancellation, as a database
        // call would, until the test lets it go after the answer came.
        let release = DispatchSemaphore(value: 0)
        let answer: Int? = await withDeadline(.milliseconds(100), executor: QueueExecutor()) {
            release.wait()
            return 1
        }
        release.signal()
        #expect(answer == nil)
    }

    @Test(.timeLimit(.minutes(1))) func fastWorkAnswersAndLeavesNoLimitBehind() async {
        let before = DeadlineTimer.shared.count
        for value in 0..<200 {
            let answer = await withDeadline(.seconds(300)) { value }
            #expect(answer == value)
        }
        // Each call's limit was cancelled when its work answered (other suites'
        // requests may hold a few meanwhile; 200 left behind would show).
        #expect(DeadlineTimer.shared.count < before + 100)
    }

    /// Many calls at once, each limit far beyond its work: none is answered early.
    @Test(.timeLimit(.minutes(1))) func noLimitFiresBeforeItsTime() async {
        let answers = await withTaskGroup(of: Int?.self) { group in
            for value in 0..<500 {
                group.addTask {
                    await withDeadline(.seconds(5)) {
                        try? await Task.sleep(for: .milliseconds(value % 7))
                        return value
                    }
                }
            }
            return await group.reduce(into: [Int?]()) { $0.append($1) }
        }
        #expect(answers.count == 500)
        #expect(answers.allSatisfy { $0 != nil })
    }

    /// Limits fire in the order they end, a limit added before the one the
    /// timer sleeps towards wakes it, and a cancelled one never fires.
    @Test(.timeLimit(.minutes(1))) func limitsFireInOrderAndCancelledOnesNever() async throws {
        let fired = FiredLog()
        let clock = ContinuousClock()
        let start = clock.now
        let late = DeadlineTimer.shared.schedule(after: .seconds(30)) { fired.append("late") }
        _ = DeadlineTimer.shared.schedule(after: .milliseconds(400)) { fired.append("second") }
        let cancelled = DeadlineTimer.shared.schedule(after: .milliseconds(100)) { fired.append("cancelled") }
        _ = DeadlineTimer.shared.schedule(after: .milliseconds(200)) { fired.append("first") }
        DeadlineTimer.shared.cancel(cancelled)
        while fired.names.count < 2 && clock.now - start < .seconds(20) { try await Task.sleep(for: .milliseconds(20)) }
        #expect(fired.names == ["first", "second"])
        #expect(clock.now - start >= .milliseconds(400))
        DeadlineTimer.shared.cancel(late)
        try await Task.sleep(for: .milliseconds(200))
        #expect(fired.names == ["first", "second"])
    }

    final class FiredLog: Sendable {
        private let log = Mutex<[String]>([])
        func append(_ name: String) { log.withLock { $0.append(name) } }
        var names: [String] { log.withLock { $0 } }
    }
}
