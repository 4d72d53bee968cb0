import DataModel
import MongoStore

/// Buffers documents per collection and sends full batches to the sink, with up
/// to `maxInFlight` batches being written at once, so the generator makes the
/// next batches while the database stores the last ones. Which documents are
/// written does not depend on the batch size or the timing; only the order in
/// which batches land does.
final class DemoBatchWriter<Sink: DemoSink> {
    let sink: Sink
    let batchSize: Int
    let maxInFlight: Int
    let rescuesTotal: Int
    let progress: @Sendable (DemoSeedProgress) -> Void
    var rescuesDone = 0
    private var buffers: [Collections: [BSONDocument]] = [:]
    private(set) var counts: [Collections: Int] = [:]
    private var written = 0
    private var inFlight: [(task: Task<Void, any Error>, collection: Collections, count: Int)] = []

    init(
        sink: Sink, batchSize: Int, maxInFlight: Int, rescuesTotal: Int,
        progress: @escaping @Sendable (DemoSeedProgress) -> Void
    ) {
        self.sink = sink
        self.batchSize = batchSize
        self.maxInFlight = max(1, maxInFlight)
        self.rescuesTotal = rescuesTotal
        self.progress = progress
    }

    /// Moves `pending` into the buffers and writes every full batch.
    func take(_ pending: inout [(Collections, BSONDocument)]) async throws {
        let documents = pending
        pending.removeAll(keepingCapacity: true)
        for (collection, document) in documents {
            buffers[collection, default: []].append(document)
            if buffers[collection]?.count == batchSize { try await flush(collection) }
        }
    }

    /// Writes whatever is left, in collection order, and waits for every batch.
    func finish() async throws {
        for collection in Collections.allCases { try await flush(collection) }
        while !inFlight.isEmpty { try await landOldest() }
    }

    /// After a failure: cancels and waits for the batches still being written.
    func abandon() async {
        for entry in inFlight { entry.task.cancel() }
        for entry in inFlight { _ = try? await entry.task.value }
        inFlight.removeAll()
    }

    /// Sends the collection's buffer (at most `batchSize` documents: `take`
    /// flushes a buffer as soon as it is full) and starts a new one.
    private func flush(_ collection: Collections) async throws {
        guard let batch = buffers.removeValue(forKey: collection), !batch.isEmpty else { return }
        while inFlight.count >= maxInFlight { try await landOldest() }
        let sink = self.sink
        inFlight.append((Task { try await sink.insert(batch, into: collection) }, collection, batch.count))
    }

    private func landOldest() async throws {
        let entry = inFlight.removeFirst()
        try await entry.task.value
        counts[entry.collection, default: 0] += entry.count
        written += entry.count
        progress(DemoSeedProgress(rescuesDone: rescuesDone, rescuesTotal: rescuesTotal, documentsWritten: written))
    }
}
