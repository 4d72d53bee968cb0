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
            sink: sink, batchSize: options.batchSize, maxInFlight: options.concurrentBatches,
            rescuesTotal: options.rescues, progress: progress)
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
