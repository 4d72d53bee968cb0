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
/// The table, its bound and the flushing are `MergingBatchBuffer`'s, shared
/// with `PersonalDataAuditRecorder`; a batch lists keys in first-use order.
public final class APIKeyUsageRecorder: Sendable {
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

    private let buffer: MergingBatchBuffer<ObjectID, Usage>

    public var capacity: Int { buffer.capacity }
    public var interval: Duration { buffer.interval }

    public init(capacity: Int = 10_000, interval: Duration = .seconds(2), writer: @escaping Writer) {
        buffer = MergingBatchBuffer(capacity: capacity, interval: interval, weight: \.count, writer: writer)
    }

    /// Counts one use of `keyId` at `date`. Never blocks on I/O.
    public func record(keyId: ObjectID, at date: BSONDate) {
        buffer.record(keyId, new: { Usage(keyId: keyId, count: 1, lastUsedAt: date) }) { usage in
            usage.count += 1
            usage.lastUsedAt = max(usage.lastUsedAt, date)
        }
    }

    /// The counters now.
    public var statistics: Statistics {
        let counters = buffer.counters
        return Statistics(
            pendingKeys: counters.pendingKeys, droppedCount: counters.dropped, writtenCount: counters.written,
            failedIncrements: counters.failed, batchesWritten: counters.batches)
    }

    /// Uses dropped because the table was full.
    public var droppedCount: Int { statistics.droppedCount }

    /// Writes what is pending as one batch (nothing when nothing is pending).
    public func flush() async { await buffer.flush() }

    /// Flushes every `interval` until the task is cancelled, then once more, so
    /// a graceful shutdown loses nothing it could still write.
    public func run() async { await buffer.run() }
}
