public import MongoStore

/// What `supportcarr seed` writes: how many riders, drivers and rescues, from
/// which seed, relative to which day, and in what batches.
public struct DemoSeedOptions: Sendable, Equatable {
    /// MongoDB's `maxWriteBatchSize`: the most documents one `insert` command may carry.
    public static let maxBatchSize = 100_000

    public var riders: Int
    public var drivers: Int
    public var rescues: Int
    /// Seeds the generator: the same seed, counts and `asOf` give the same documents.
    public var randomSeed: UInt64
    /// "Now" for the demo world: active rescues happen just before it, history
    /// runs back from it. Part of the determinism contract, so it is explicit.
    public var asOf: BSONDate
    /// Documents per `insertMany` (at most `maxBatchSize`). Which documents are
    /// written does not depend on it, only how many travel in one command.
    public var batchSize: Int
    /// Batches being written at once, while the generator makes the next ones.
    public var concurrentBatches: Int

    public init(
        riders: Int = 50, drivers: Int = 20, rescues: Int = 200, randomSeed: UInt64 = 1,
        asOf: BSONDate = DemoSeedOptions.startOfToday(), batchSize: Int = 5_000, concurrentBatches: Int = 2
    ) {
        self.riders = max(0, riders)
        self.drivers = max(0, drivers)
        self.rescues = riders > 0 ? max(0, rescues) : 0
        self.randomSeed = randomSeed
        self.asOf = asOf
        self.batchSize = min(Self.maxBatchSize, max(1, batchSize))
        self.concurrentBatches = max(1, concurrentBatches)
    }

    /// Midnight UTC of the current day: the default `asOf`, so reseeding on the
    /// same day repeats itself and notifications (30-day TTL) stay fresh.
    public static func startOfToday() -> BSONDate {
        let now = BSONDate.now().millisecondsSinceEpoch
        return BSONDate(millisecondsSinceEpoch: now - now % 86_400_000)
    }
}
