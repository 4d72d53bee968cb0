import DataModel
import MongoStore
import Security

/// The mutable state of one seeding run: the generator, the people, and the
/// totals that profiles, stats and payouts are built from once every rescue has
/// been generated. Lives inside one `DemoSeeder.seed` call only.
final class DemoRun {
    let options: DemoSeedOptions
    let cast: DemoCast
    var random: SplitMix64
    let cipher: FieldCipher
    let blindIndex: BlindIndex
    let asOf: Int64

    /// Documents made but not yet handed to the batch writer.
    var pending: [(Collections, BSONDocument)] = []

    /// Per-driver running totals.
    struct DriverTotals {
        var assignments = 0
        var completed = 0
        var cancelled = 0
        var accepted = 0
        var rejected = 0
        var earnings = 0
        var miles = 0.0
        var minutes = 0
        var ratingSum = 0
        var ratingCount = 0
        var arrivalMinutes = 0
        var arrivals = 0
        var busy = false
        var lng: Double
        var lat: Double
        var lastLocationAt: Int64
    }

    struct RiderTotals {
        var rescues = 0
        var ratingSum = 0
        var ratingCount = 0
    }

    /// One weekly payout being filled.
    struct PayoutKey: Hashable, Comparable {
        let driver: Int
        let weekStart: Int64
        static func < (a: Self, b: Self) -> Bool { (a.driver, a.weekStart) < (b.driver, b.weekStart) }
    }

    var drivers: [DriverTotals]
    var riders: [RiderTotals]
    var payouts: [PayoutKey: (rescueIds: [ObjectID], amount: Int)] = [:]
    /// Indexes of approved drivers, and of those online and not on a job.
    let approvedDrivers: [Int]
    var freeOnlineDrivers: [Int]
    var twilioCounter = 0
    /// Rescues generated so far that are neither completed nor cancelled.
    var activeRescues = 0
    /// Payments generated so far (the first few cover every payment status).
    var paymentsMade = 0
    let onlineDriverCount: Int

    init(options: DemoSeedOptions, cast: DemoCast, random: SplitMix64, cipher: FieldCipher, blindIndex: BlindIndex) {
        self.options = options
        self.cast = cast
        self.random = random
        self.cipher = cipher
        self.blindIndex = blindIndex
        self.asOf = options.asOf.millisecondsSinceEpoch
        self.drivers = cast.drivers.map {
            DriverTotals(lng: $0.lng, lat: $0.lat, lastLocationAt: options.asOf.millisecondsSinceEpoch)
        }
        self.riders = Array(repeating: RiderTotals(), count: cast.riders.count)
        self.approvedDrivers = cast.drivers.indices.filter { cast.drivers[$0].status == "approved" }
        self.freeOnlineDrivers = cast.drivers.indices.filter { cast.drivers[$0].isOnline }
        self.onlineDriverCount = freeOnlineDrivers.count
    }

    func emit(_ collection: Collections, _ document: BSONDocument) {
        pending.append((collection, document))
    }

    func newId(at ms: Int64) -> ObjectID {
        DemoIds.make(at: ms, random: &random)
    }

    func minutes(_ range: ClosedRange<Int>) -> Int64 {
        Int64(random.int(range)) * DemoTime.minute + Int64(random.int(0...59)) * DemoTime.second
    }

    func encrypt(_ value: String, _ collection: Collections, _ field: String, _ id: ObjectID) throws -> BSONValue {
        .string(
            try cipher.encrypt(value, for: FieldBinding(collection: collection.name, field: field, documentId: id.hex)))
    }

    /// A phone number as Twilio logs may keep it: country code and last four digits.
    func masked(_ phone: String) -> String {
        String(phone.prefix(2)) + String(repeating: "*", count: max(0, phone.count - 6)) + String(phone.suffix(4))
    }
}
