public import DataModel
import MongoStore
public import Security

/// Deterministic, realistic demo data across all 17 collections ("Demo
/// data"): staff, riders and drivers with profiles, vehicles around San
/// Francisco, rescues in every status with assignments, status and location
/// histories, payments with breakdowns, weekly payouts, ratings both ways,
/// payment methods, API keys, notifications, audit logs, driver stats,
/// availability logs and Twilio event logs.
///
/// Encrypted fields (`EncryptedField.all`) are written with `FieldCipher` in the
/// versioned format, with their blind-index hashes beside them; no plaintext of
/// them reaches the sink. Rescues are generated and written in a stream of
/// batches, so 100,000 of them need memory only for the people and the per-driver
/// totals.
public struct DemoSeeder: Sendable {
    public let options: DemoSeedOptions
    public let cipher: FieldCipher
    public let blindIndex: BlindIndex

    public init(
        options: DemoSeedOptions = DemoSeedOptions(), cipher: FieldCipher = FieldCipher(keyRing: .development),
        blindIndex: BlindIndex = .development
    ) {
        self.options = options
        self.cipher = cipher
        self.blindIndex = blindIndex
    }

    /// The people these options give (the first thing the generator draws).
    public func cast() -> DemoCast {
        var random = SplitMix64(seed: options.randomSeed)
        return DemoCast.make(options: options, random: &random)
    }

    /// Generates everything and hands it to `sink` in batches of at most
    /// `options.batchSize`, calling `progress` after each batch. Returns how many
    /// documents went to each collection.
    @discardableResult
    public func seed(
        into sink: some DemoSink, progress: @escaping @Sendable (DemoSeedProgress) -> Void = { _ in }
    ) async throws -> [Collections: Int] {
        var random = SplitMix64(seed: options.randomSeed)
        let cast = DemoCast.make(options: options, random: &random)
        let run = DemoRun(options: options, cast: cast, random: random, cipher: cipher, blindIndex: blindIndex)
        let writer = DemoBatchWriter(
            sink: sink, batchSize: options.batchSize, rescuesTotal: options.rescues, progress: progress)
        do {
            for number in 0..<options.rescues {
                run.addRescue(number)
                writer.rescuesDone = number + 1
                try await writer.take(&run.pending)
            }
            try run.addPeople()
            run.addDriverRecords()
            try await writer.take(&run.pending)
            try await writer.finish()
        } catch {
            await writer.abandon()
            throw error
        }
        return writer.counts
    }
}

/// Buffers documents per collection and sends full batches to the sink, with up
/// to `maxInFlight` batches being written at once (the database works on one
/// while the generator makes the next; different collections' indexes are
/// maintained in parallel). Which documents are written does not depend on the
/// timing, only the order in which batches land does.
final class DemoBatchWriter<Sink: DemoSink> {
    let sink: Sink
    let batchSize: Int
    let rescuesTotal: Int
    let progress: @Sendable (DemoSeedProgress) -> Void
    let maxInFlight = 3
    var rescuesDone = 0
    var buffers: [Collections: [BSONDocument]] = [:]
    var counts: [Collections: Int] = [:]
    var written = 0
    private var inFlight: [(task: Task<Void, any Error>, collection: Collections, count: Int)] = []

    init(sink: Sink, batchSize: Int, rescuesTotal: Int, progress: @escaping @Sendable (DemoSeedProgress) -> Void) {
        self.sink = sink
        self.batchSize = batchSize
        self.rescuesTotal = rescuesTotal
        self.progress = progress
    }

    /// Moves `pending` into the buffers and writes every full batch.
    func take(_ pending: inout [(Collections, BSONDocument)]) async throws {
        for (collection, document) in pending {
            buffers[collection, default: []].append(document)
        }
        pending.removeAll(keepingCapacity: true)
        for collection in Collections.allCases {
            while let buffer = buffers[collection], buffer.count >= batchSize {
                try await flush(collection, count: batchSize)
            }
        }
    }

    /// Writes whatever is left, in collection order, and waits for every batch.
    func finish() async throws {
        for collection in Collections.allCases {
            while let buffer = buffers[collection], !buffer.isEmpty {
                try await flush(collection, count: min(batchSize, buffer.count))
            }
        }
        while !inFlight.isEmpty { try await landOldest() }
    }

    /// After a failure: cancels and waits for the batches still being written.
    func abandon() async {
        for entry in inFlight { entry.task.cancel() }
        for entry in inFlight { _ = try? await entry.task.value }
        inFlight.removeAll()
    }

    private func flush(_ collection: Collections, count: Int) async throws {
        guard let buffer = buffers[collection] else { return }
        let batch = Array(buffer.prefix(count))
        buffers[collection] = Array(buffer.dropFirst(count))
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
