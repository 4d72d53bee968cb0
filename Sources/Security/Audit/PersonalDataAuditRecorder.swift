import DataModel
import Foundation
public import MongoStore

/// Writes personal-data reads, and staff writes to other users' data, to
/// `auditlogs` off the request's critical path, the way `APIKeyUsageRecorder`
/// keeps key usage (both on `MergingBatchBuffer`): `record` merges the entry
/// into an in-memory table under a lock (no I/O, no suspension) and `run`
/// flushes the table every `interval` as one `insertMany`, in the order first
/// recorded.
///
/// Reads of the same document in the same request merge into one entry (the
/// union of the fields), so a page of 100 riders read by a support agent is 100
/// entries, not one per field. Writes are one entry each.
///
/// Bounded: at most `capacity` entries wait. A read that merges into a waiting
/// entry always fits; a new entry when the table is full is dropped and counted
/// in `droppedCount`. A failed flush loses its batch (counted in
/// `failedEntries` and `failedBatches`), never retried (it could have
/// half-landed). Both are exported at `/metrics`, and both are written down in
/// the audit log itself as soon as it takes writes again (an `audit.lost`
/// entry with the counts). Losing audit entries is a compliance problem, but so
/// is a gateway that runs out of memory because the database stopped
/// answering: so the recorder never grows, and a production gateway refuses
/// the reads it cannot record instead (`PermissionMiddleware`, `isWriting`).
public final class PersonalDataAuditRecorder: Sendable {
    /// Writes one batch of `auditlogs` documents (`insertMany` in production).
    public typealias Writer = @Sendable ([BSONDocument]) async throws -> Void

    public struct Statistics: Sendable, Hashable {
        public var pendingEntries = 0
        /// Entries dropped because the queue was full.
        public var droppedCount = 0
        public var writtenEntries = 0
        /// Entries lost with batches whose write failed.
        public var failedEntries = 0
        public var batchesWritten = 0
        /// Batches whose write failed.
        public var failedBatches = 0
        /// Whether the last write failed (cleared by the next one that succeeds).
        public var lastWriteFailed = false
    }

    private let buffer: MergingBatchBuffer<AuditEntry.Key, AuditEntry>

    public var capacity: Int { buffer.capacity }
    public var interval: Duration { buffer.interval }

    public init(capacity: Int = 50_000, interval: Duration = .seconds(1), writer: @escaping Writer) {
        buffer = MergingBatchBuffer(
            capacity: capacity, interval: interval, weight: \.weight,
            lossEntry: { losses in .lost(dropped: losses.dropped, failed: losses.failed, at: .now()) },
            writer: { batch in try await writer(batch.map(\.document)) })
    }

    /// A recorder writing into `database`'s `auditlogs`.
    public convenience init(database: MongoDatabase, capacity: Int = 50_000, interval: Duration = .seconds(1)) {
        let collection = database.collection(.auditLogs)
        self.init(capacity: capacity, interval: interval) { batch in
            _ = try await collection.insertMany(batch)
        }
    }

    /// Notes one read. Never blocks on I/O.
    ///
    /// - Returns: false when the entry was dropped (the queue is full).
    @discardableResult
    public func record(_ read: PersonalDataRead) -> Bool {
        buffer.record(.read(read.key), new: { .read(read) }) { entry in
            if case .read(var merged) = entry {
                merged.fields.formUnion(read.fields)
                entry = .read(merged)
            }
        }
    }

    /// Notes one staff write. Never blocks on I/O.
    ///
    /// - Returns: false when the entry was dropped (the queue is full).
    @discardableResult
    public func record(_ write: AuditedWrite) -> Bool {
        buffer.record(.write(ObjectID()), new: { .write(write) }) { _ in }
    }

    /// Whether entries recorded now can be expected in the audit log: the last
    /// write did not fail (or none was tried yet). While it is false, a
    /// production gateway refuses what it would have to record
    /// (`AUDIT_UNAVAILABLE`); it turns true again once a flush succeeds (the
    /// `audit.lost` note gives every flush something to write, so the
    /// recorder finds out without any request being served unrecorded).
    public var isWriting: Bool { !buffer.counters.lastWriteFailed }

    /// Whether a new entry recorded now would be kept and can be expected in
    /// the audit log: `isWriting`, and the queue has room for it.
    public var isRecording: Bool {
        let counters = buffer.counters
        return !counters.lastWriteFailed && counters.pendingKeys < buffer.capacity
    }

    public var statistics: Statistics {
        let counters = buffer.counters
        return Statistics(
            pendingEntries: counters.pendingKeys, droppedCount: counters.dropped, writtenEntries: Int(counters.written),
            failedEntries: Int(counters.failed), batchesWritten: counters.batches,
            failedBatches: counters.failedBatches, lastWriteFailed: counters.lastWriteFailed)
    }

    /// Writes what is waiting as one batch, in the order first recorded.
    public func flush() async { await buffer.flush() }

    /// Flushes every `interval` until cancelled, then once more.
    public func run() async { await buffer.run() }
}
