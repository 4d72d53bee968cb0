import Foundation
public import MongoStore

/// Keeps `apikeys.requestCount` and `lastUsedAt` without a database write on a
/// request's critical path: `record` adds to an in-memory table under a lock
/// (no I/O, no suspension), and `run` flushes the table every `interval` as one
/// `bulkWrite` of `$inc`/`$max` updates, one per key used since the last flush.
///
/// Bounded: the table holds at most `capacity` distinct keys. A use of a key
/// already in the table only adds to its count, so it always fits; a use of a
/// new key when the table is full is dropped and counted in `droppedCount` (for
/// `/metrics`), so a flood of distinct keys, or a database that stopped
/// answering, costs memory up to the bound and then some lost counts, never the
/// process. Counts are therefore a lower bound, as the schema's description of
/// `requestCount` says ("may lag"). A flush that fails loses its batch (it is
/// not retried, which could count twice after a partial success); the loss is
/// counted in `failedIncrements`. `$max` keeps `lastUsedAt` from going back in
/// time when several gateway processes flush out of order.
///
/// `@unchecked Sendable`: the only mutable state, `state`, is read and written
/// only while holding `lock` (`Mutex` would let the compiler see it, but needs
/// macOS 15 while the package supports 14), and no lock is held across an await.
public final class APIKeyUsageRecorder: @unchecked Sendable {
    /// The uses of one key since the last flush.
    public struct Usage: Sendable, Hashable {
        public var keyId: ObjectID
        public var count: Int64
        public var lastUsedAt: BSONDate

        public init(keyId: ObjectID, count: Int64, lastUsedAt: BSONDate) {
            self.keyId = keyId
            self.count = count
            self.lastUsedAt = lastUsedAt
        }
    }

    /// Writes one batch (`APIKeyRepository.recordUsage` in production).
    public typealias Writer = @Sendable ([Usage]) async throws -> Void

    /// Counters for `/metrics` and tests.
    public struct Statistics: Sendable, Hashable {
        /// Keys waiting for the next flush.
        public var pendingKeys = 0
        /// Uses dropped because the table was full.
        public var droppedCount = 0
        /// Uses written to the database.
        public var writtenCount: Int64 = 0
        /// Uses lost with a batch whose write failed.
        public var failedIncrements: Int64 = 0
        /// Batches written (one `bulkWrite` each).
        public var batchesWritten = 0
    }

    private struct State {
        var pending: [ObjectID: Usage] = [:]
        var statistics = Statistics()
    }

    public let capacity: Int
    public let interval: Duration
    private let writer: Writer
    private let lock = NSLock()
    private var state = State()

    public init(capacity: Int = 10_000, interval: Duration = .seconds(2), writer: @escaping Writer) {
        self.capacity = max(1, capacity)
        self.interval = interval
        self.writer = writer
    }

    /// Counts one use of `keyId` at `date`. Never blocks on I/O.
    public func record(keyId: ObjectID, at date: BSONDate) {
        lock.withLock {
            if var usage = state.pending[keyId] {
                usage.count += 1
                usage.lastUsedAt = max(usage.lastUsedAt, date)
                state.pending[keyId] = usage
            } else if state.pending.count < capacity {
                state.pending[keyId] = Usage(keyId: keyId, count: 1, lastUsedAt: date)
            } else {
                state.statistics.droppedCount += 1
            }
        }
    }

    /// The counters now.
    public var statistics: Statistics {
        lock.withLock {
            var statistics = state.statistics
            statistics.pendingKeys = state.pending.count
            return statistics
        }
    }

    /// Uses dropped because the table was full.
    public var droppedCount: Int { statistics.droppedCount }

    /// Writes what is pending as one batch (nothing when nothing is pending).
    public func flush() async {
        let batch: [Usage] = lock.withLock {
            let batch = state.pending.values.sorted { $0.keyId < $1.keyId }
            state.pending.removeAll(keepingCapacity: true)
            return batch
        }
        guard !batch.isEmpty else { return }
        let uses = batch.reduce(Int64(0)) { $0 + $1.count }
        do {
            try await writer(batch)
            lock.withLock {
                state.statistics.writtenCount += uses
                state.statistics.batchesWritten += 1
            }
        } catch {
            lock.withLock { state.statistics.failedIncrements += uses }
        }
    }

    /// Flushes every `interval` until the task is cancelled, then once more, so
    /// a graceful shutdown loses nothing it could still write.
    public func run() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
            } catch {
                break
            }
            await flush()
        }
        await flush()
    }
}
