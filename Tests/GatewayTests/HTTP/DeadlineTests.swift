import Dispatch
import Testing

@testable import Gateway

/// `withDeadline`: the work runs on the executor it is given (the gateway
/// passes the database client's, so an execution's database calls make no
/// hop), and an answer comes at the limit even when the work does not stop.
@Suite struct DeadlineTests {
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
}
