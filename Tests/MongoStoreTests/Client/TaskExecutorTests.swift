import Foundation
import Testing

@testable import MongoStore

/// `MongoClient.taskExecutor`: a task that prefers it runs on the database
/// threads and makes its blocking calls where it is, without a hop.
@Suite struct TaskExecutorTests {
    /// A task-local value is visible to a blocking job only when the job runs
    /// inside the calling task (inline); a job hopped to a pool thread runs
    /// outside any task and sees the default.
    enum Probe {
        @TaskLocal static var marker = 0
    }

    @Test func aTaskThatPrefersTheExecutorRunsItsBlockingJobsInlineAndAPlainTaskHops() async throws {
        let client = try LiveDatabase.client(maxPoolSize: 2)
        let executor = client.pool.executor
        let seen: [String] = try await withTaskExecutorPreference(client.taskExecutor) {
            try await Probe.$marker.withValue(7) { () async throws -> [String] in
                try await executor.run { () throws(MongoError) -> [String] in
                    return ["\(Probe.marker)", "\(executor.isCurrent)"]
                }
            }
        }
        let (inline, isCurrent) = (Int(seen[0]), seen[1])
        #expect(inline == 7)
        #expect(isCurrent == "true")

        let hopped = try await Probe.$marker.withValue(7) { () async throws -> Int in
            try await executor.run { () throws(MongoError) -> Int in Probe.marker }
        }
        #expect(hopped == 0)
        #expect(!executor.isCurrent)
    }

    @Test func operationsOnTheExecutorReturnWhatTheyReturnFromThePool() async throws {
        try await LiveDatabase.withDatabase(maxPoolSize: 2) { client, db in
            let c = db.collection("c")
            try await c.insertMany((0..<30).map { ["_id": .int32(Int32($0)), "n": .int32(Int32($0 * 2))] })
            let fromPool = try await c.find(["n": ["$gte": 10]], options: FindOptions(sort: ["_id": 1]))
            let onExecutor = try await withTaskExecutorPreference(client.taskExecutor) {
                try await c.find(["n": ["$gte": 10]], options: FindOptions(sort: ["_id": 1]))
            }
            #expect(onExecutor == fromPool)
            #expect(onExecutor.count == 25)
        }
    }

    /// More tasks than threads, all preferring the executor, some holding a
    /// cursor's lease while others wait for one: a waiting task suspends and
    /// frees its thread, so every task finishes.
    @Test func moreTasksThanThreadsWithCursorsHoldingLeasesAllFinish() async throws {
        try await LiveDatabase.withDatabase(maxPoolSize: 1) { client, db in
            let c = db.collection("c")
            try await c.insertMany((0..<50).map { ["_id": .int32(Int32($0))] })
            let total = try await withTaskExecutorPreference(client.taskExecutor) {
                try await withThrowingTaskGroup(of: Int.self) { group in
                    for i in 0..<24 {
                        group.addTask {
                            if i % 3 == 0 {
                                // Holds the only lease across several batches.
                                let cursor = try await c.findCursor([:], options: FindOptions(batchSize: 7))
                                var n = 0
                                for try await _ in cursor { n += 1 }
                                return n
                            }
                            return try await c.findOne(["_id": .int32(Int32(i))]) == nil ? 0 : 1
                        }
                    }
                    return try await group.reduce(0, +)
                }
            }
            #expect(total == 8 * 50 + 16)
        }
    }

    @Test func theThreadsEndWhenTheClientAndEveryTaskPreferringItAreGone() async throws {
        weak var weakExecutor: BlockingExecutor?
        do {
            let client = try LiveDatabase.client(maxPoolSize: 1)
            weakExecutor = client.pool.executor
            try await withTaskExecutorPreference(client.taskExecutor) { try await client.ping() }
        }
        // The task that preferred it may release its reference a moment later.
        for _ in 0..<100 where weakExecutor != nil { try await Task.sleep(for: .milliseconds(10)) }
        #expect(weakExecutor == nil)
    }
}
