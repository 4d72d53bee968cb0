import Foundation
public import MongoStore

/// Writes personal-data reads to `auditlogs` off the request's critical path,
/// the way `APIKeyUsageRecorder` keeps key usage: `record` merges the read into
/// an in-memory table under a lock (no I/O, no suspension) and `run` flushes
/// the table every `interval` as one `insertMany`.
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
///
/// `@unchecked Sendable`: the only mutable state, `state`, is read and written
/// only while holding `lock`, and no lock is held across an await (as in
/// `APIKeyUsageRecorder`).
public final class PersonalDataAuditRecorder: @unchecked Sendable {
    /// Writes one batch (`insertMany` into `auditlogs` in production).
    public typealias Writer = @Sendable ([PersonalDataRead]) async throws -> Void

    public struct Statistics: Sendable, Hashable {
        public var pendingEntries = 0
        public var droppedCount = 0
        public var writtenEntries = 0
        public var failedEntries = 0
        public var batchesWritten = 0
    }

    private struct State {
        var pending: [PersonalDataRead.Key: PersonalDataRead] = [:]
        var order: [PersonalDataRead.Key] = []
        var statistics = Statistics()
    }

    public let capacity: Int
    public let interval: Duration
    private let writer: Writer
    private let lock = NSLock()
    private var state = State()

    public init(capacity: Int = 50_000, interval: Duration = .seconds(1), writer: @escaping Writer) {
        self.capacity = max(1, capacity)
        self.interval = interval
        self.writer = writer
    }

    /// A recorder writing into `database`'s `auditlogs`.
    public convenience init(database: MongoDatabase, capacity: Int = 50_000, interval: Duration = .seconds(1)) {
        let collection = database.collection("auditlogs")
        self.init(capacity: capacity, interval: interval) { batch in
            _ = try await collection.insertMany(batch.map(\.document))
        }
    }

    /// Notes one read. Never blocks on I/O.
    public func record(_ read: PersonalDataRead) {
        let key = read.key
        lock.withLock {
            if var entry = state.pending[key] {
                entry.fields.formUnion(read.fields)
                state.pending[key] = entry
            } else if state.pending.count < capacity {
                state.pending[key] = read
                state.order.append(key)
            } else {
                state.statistics.droppedCount += 1
            }
        }
    }

    public var statistics: Statistics {
        lock.withLock {
            var statistics = state.statistics
            statistics.pendingEntries = state.pending.count
            return statistics
        }
    }

    /// Writes what is waiting as one batch, in the order first read.
    public func flush() async {
        let batch: [PersonalDataRead] = lock.withLock {
            let batch = state.order.compactMap { state.pending[$0] }
            state.pending.removeAll(keepingCapacity: true)
            state.order.removeAll(keepingCapacity: true)
            return batch
        }
        guard !batch.isEmpty else { return }
        do {
            try await writer(batch)
            lock.withLock {
                state.statistics.writtenEntries += batch.count
                state.statistics.batchesWritten += 1
            }
        } catch {
            lock.withLock { state.statistics.failedEntries += batch.count }
        }
    }

    /// Flushes every `interval` until cancelled, then once more.
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
