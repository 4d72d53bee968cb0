import DataModel
import Foundation
public import MongoStore

/// Writes personal-data reads to `auditlogs` off the request's critical path,
/// the way `APIKeyUsageRecorder` keeps key usage (both on `MergingBatchBuffer`):
/// `record` merges the read into an in-memory table under a lock (no I/O, no
/// suspension) and `run` flushes the table every `interval` as one `insertMany`,
/// in the order first read.
///
/// Reads of the same document in the same request merge into one entry (the
/// union of the fields), so a page of 100 riders read by a support agent is 100
/// entries, not one per field.
///
/// Bounded: at most `capacity` entries wait. A read that merges into a waiting
/// entry always fits; a new entry when the table is full is dropped and counted
/// in `droppedCount`, which `/metrics` should expose and alert on: losing audit
/// entries is a compliance problem, but so is a gateway that runs out of memory
/// because the database stopped answering. A failed flush loses its batch
/// (counted in `failedEntries`), never retried (it could have half-landed).
public final class PersonalDataAuditRecorder: Sendable {
    /// Writes one batch (`insertMany` into `auditlogs` in production).
    public typealias Writer = @Sendable ([PersonalDataRead]) async throws -> Void

    public struct Statistics: Sendable, Hashable {
        public var pendingEntries = 0
        public var droppedCount = 0
        public var writtenEntries = 0
        public var failedEntries = 0
        public var batchesWritten = 0
    }

    private let buffer: MergingBatchBuffer<PersonalDataRead.Key, PersonalDataRead>

    public var capacity: Int { buffer.capacity }
    public var interval: Duration { buffer.interval }

    public init(capacity: Int = 50_000, interval: Duration = .seconds(1), writer: @escaping Writer) {
        buffer = MergingBatchBuffer(capacity: capacity, interval: interval, weight: { _ in 1 }, writer: writer)
    }

    /// A recorder writing into `database`'s `auditlogs`.
    public convenience init(database: MongoDatabase, capacity: Int = 50_000, interval: Duration = .seconds(1)) {
        let collection = database.collection(.auditLogs)
        self.init(capacity: capacity, interval: interval) { batch in
            _ = try await collection.insertMany(batch.map(\.document))
        }
    }

    /// Notes one read. Never blocks on I/O.
    public func record(_ read: PersonalDataRead) {
        buffer.record(read.key, new: { read }) { entry in entry.fields.formUnion(read.fields) }
    }

    public var statistics: Statistics {
        let counters = buffer.counters
        return Statistics(
            pendingEntries: counters.pendingKeys, droppedCount: counters.dropped, writtenEntries: Int(counters.written),
            failedEntries: Int(counters.failed), batchesWritten: counters.batches)
    }

    /// Writes what is waiting as one batch, in the order first read.
    public func flush() async { await buffer.flush() }

    /// Flushes every `interval` until cancelled, then once more.
    public func run() async { await buffer.run() }
}
