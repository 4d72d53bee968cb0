import Foundation
import GraphQLEngine

#if canImport(Glibc)
    import Glibc
#endif

/// One thread with a deliberately small stack, as a `TaskExecutor`: work run
/// with `run(_:)` executes on it the way a gateway request executes on a
/// database thread (a task that prefers the executor), synchronous stages and
/// all. The stack is our own memory, filled with a pattern before the thread
/// starts and guarded by an inaccessible page below it, so `peakStackBytes`
/// can tell how deep the work went (the deepest byte no longer holding the
/// pattern), and an overflow stops the process at once instead of corrupting
/// memory.
final class SmallStackExecutor: TaskExecutor, @unchecked Sendable {
    // `@unchecked`: the queue and the flag are only touched with `condition`
    // locked; the stack memory is written by the thread and read by
    // `peakStackBytes` only while the thread waits for work.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    private var thread = pthread_t()
    private let mapping: UnsafeMutableRawPointer
    private let mappingSize: Int
    private let guardSize: Int
    let stackBytes: Int

    private static let pattern: UInt8 = 0xA5

    init(stackBytes: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        self.stackBytes = (stackBytes + page - 1) / page * page
        self.guardSize = page
        self.mappingSize = self.stackBytes + page
        guard
            let memory = mmap(nil, mappingSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
            memory != MAP_FAILED
        else { preconditionFailure("mmap failed") }
        mapping = memory
        precondition(mprotect(memory, page, PROT_NONE) == 0, "mprotect failed")
        (memory + page).initializeMemory(as: UInt8.self, repeating: Self.pattern, count: self.stackBytes)

        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstack(&attributes, memory + page, self.stackBytes)
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(
            &thread, &attributes,
            { context in
                let executor = Unmanaged<SmallStackExecutor>.fromOpaque(context!).takeRetainedValue()
                executor.work()
                return nil
            }, context)
        precondition(created == 0, "pthread_create failed")
    }

    deinit {
        munmap(mapping, mappingSize)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.lock()
        jobs.append(unowned)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        let executor = asUnownedTaskExecutor()
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: executor)
        }
    }

    /// Runs `body` in a task whose every step executes on this thread.
    func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        await Task(executorPreference: self) { await body() }.value
    }

    /// The most stack the thread has used so far, in bytes.
    var peakStackBytes: Int {
        let stack = (mapping + guardSize).assumingMemoryBound(to: UInt8.self)
        var untouched = 0
        while untouched < stackBytes && stack[untouched] == Self.pattern { untouched += 1 }
        return stackBytes - untouched
    }

    /// Lets the thread finish and waits for it; call before dropping the executor.
    func shutDown() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
        pthread_join(thread, nil)
    }

    /// Runs `body` on a fresh small-stack thread, then shuts it down; returns
    /// the body's result and the stack it needed.
    static func measure<T: Sendable>(
        stackBytes: Int, _ body: @escaping @Sendable () async -> T
    ) async -> (result: T, peakStackBytes: Int) {
        let executor = SmallStackExecutor(stackBytes: stackBytes)
        let result = await executor.run(body)
        executor.shutDown()
        return (result, executor.peakStackBytes)
    }
}
