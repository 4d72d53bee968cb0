import Foundation

/// What `APIKeyUsageRecorder` and `PersonalDataAuditRecorder` share: a bounded
/// in-memory table of entries merged by key, filled on the request path under a
/// lock (no I/O, no suspension) and written off it as one batch per flush, in
/// the order the keys were first recorded.
///
/// Bounded: at most `capacity` keys wait. A record into a waiting key always
/// fits; a record of a new key when the table is full is dropped and counted, so
/// a flood of distinct keys, or a database that stopped answering, costs memory
/// up to the bound and then some lost records, never the process. A failed
/// write loses its batch (counted, never retried: it could have half-landed).
///
/// Each entry has a weight (uses for key usage, 1 for an audit entry), so the
/// counters say how much was written or lost in the owner's own unit.
///
/// An owner that must say so when it loses records (the audit log) passes
/// `lossEntry`: while records were dropped or lost since the last write that
/// succeeded, every flush adds the entry it makes from those counts, so the
/// losses are written down as soon as the database takes writes again, and
/// a flush has something to write even when nothing else waits (which is how
/// `lastWriteFailed` clears once the database is back).
///
/// `@unchecked Sendable`: the mutable state is read and written only while
/// holding `lock` (`Mutex` would let the compiler see it, but needs macOS 15
/// while the package supports 14), and no lock is held across an await.
final class MergingBatchBuffer<Key: Hashable & Sendable, Entry: Sendable>: @unchecked Sendable {
    typealias Writer = @Sendable ([Entry]) async throws -> Void

    struct Counters: Sendable, Hashable {
        /// Keys waiting for the next flush.
        var pendingKeys = 0
        /// Records dropped because the table was full.
        var dropped = 0
        /// Weight written to the database.
        var written: Int64 = 0
        /// Weight lost with batches whose write failed.
        var failed: Int64 = 0
        /// Batches written.
        var batches = 0
        /// Batches whose write failed.
        var failedBatches = 0
        /// Whether the last write failed (cleared by the next one that succeeds).
        var lastWriteFailed = false
    }

    /// What was lost since the last write that succeeded, for `lossEntry`.
    struct Losses: Sendable, Hashable {
        /// Records dropped because the table was full.
        var dropped: Int
        /// Weight lost with batches whose write failed.
        var failed: Int64
    }

    let capacity: Int
    let interval: Duration
    private let writer: Writer
    private let weight: @Sendable (Entry) -> Int64
    private let lossEntry: (@Sendable (Losses) -> Entry)?
    private let lock = NSLock()
    private var pending: [Key: Entry] = [:]
    private var order: [Key] = []
    private var tally = Counters()
    /// The counters' `dropped` and `failed` as of the last loss entry written.
    private var reported = Losses(dropped: 0, failed: 0)

    init(
        capacity: Int, interval: Duration, weight: @escaping @Sendable (Entry) -> Int64,
        lossEntry: (@Sendable (Losses) -> Entry)? = nil, writer: @escaping Writer
    ) {
        self.capacity = max(1, capacity)
        self.interval = interval
        self.weight = weight
        self.lossEntry = lossEntry
        self.writer = writer
    }

    /// Merges into `key`'s waiting entry, or starts one with `new()` if there is
    /// room. Never blocks on I/O.
    ///
    /// - Returns: false when the record was dropped (the table is full).
    @discardableResult
    func record(_ key: Key, new: () -> Entry, merge: (inout Entry) -> Void) -> Bool {
        lock.withLock {
            // One lookup, merged in place: a busy key is merged on every request.
            if let index = pending.index(forKey: key) {
                merge(&pending.values[index])
                return true
            } else if pending.count < capacity {
                pending[key] = new()
                order.append(key)
                return true
            } else {
                tally.dropped += 1
                return false
            }
        }
    }

    var counters: Counters {
        lock.withLock {
            var counters = tally
            counters.pendingKeys = pending.count
            return counters
        }
    }

    /// Writes what is waiting as one batch (nothing when nothing is), with the
    /// loss entry first when there is one to write.
    func flush() async {
        let (batch, losses): ([Entry], Losses?) = lock.withLock {
            var batch = order.compactMap { pending[$0] }
            pending.removeAll(keepingCapacity: true)
            order.removeAll(keepingCapacity: true)
            var losses: Losses?
            if let lossEntry, tally.dropped > reported.dropped || tally.failed > reported.failed {
                let now = Losses(dropped: tally.dropped, failed: tally.failed)
                batch.insert(
                    lossEntry(Losses(dropped: now.dropped - reported.dropped, failed: now.failed - reported.failed)),
                    at: 0)
                losses = now
            }
            return (batch, losses)
        }
        guard !batch.isEmpty else { return }
        let total = batch.reduce(Int64(0)) { $0 + weight($1) }
        do {
            try await writer(batch)
            lock.withLock {
                tally.written += total
                tally.batches += 1
                tally.lastWriteFailed = false
                if let losses { reported = losses }
            }
        } catch {
            lock.withLock {
                tally.failed += total
                tally.failedBatches += 1
                tally.lastWriteFailed = true
            }
        }
    }

    /// Flushes every `interval` until the task is cancelled, then once more, so
    /// a graceful shutdown loses nothing it could still write.
    func run() async {
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
