import DataModel
public import MongoStore

/// `supportcarr payouts run`: each driver's succeeded, not yet paid out
/// payments of one ISO week become one `payouts` row (`pending`, the sum of
/// the payments' `driverPayout`, their rescues, the week as its period)
/// (`docs/DATA-MODEL.md`, "payouts": weekly, every Monday).
///
/// A payment belongs to the week its charge succeeded in (`processedAt`,
/// else `createdAt` for payments recorded without it). It is paid out once:
/// the payout and the payments' `payoutId` are written in one transaction,
/// and payments already covered by a payout's `rescueIds` (payouts older
/// than `payoutId`) are left out.
///
/// Idempotent per driver and week through a unique index, not a read: each
/// payout carries `payoutKey` = `<driverId>:<week>`, indexed unique, so a
/// second run (or two at once) cannot make a second payout for the same
/// driver and week; payments that turn up for a week already paid out stay
/// unpaid and are counted in the summary for someone to look at.
public struct WeeklyPayouts: Sendable {
    public static let principal = "cli:payouts"

    /// What a run did.
    public struct Summary: Sendable, Equatable {
        public var week: ISOWeek
        /// Drivers with unpaid payments in the week.
        public var drivers = 0
        public var payoutsCreated = 0
        /// Drivers whose week already had a payout (their payments stay unpaid).
        public var alreadyPaidOut = 0
        /// Drivers left alone because their payments changed during the run.
        public var changedMeanwhile = 0
        public var paymentsCovered = 0
        /// The cents of the payouts created.
        public var amount: Int64 = 0
    }

    let database: MongoDatabase

    public init(database: MongoDatabase) {
        self.database = database
    }

    /// One driver's share of the week.
    struct DriverWeek: Sendable {
        var driverId: ObjectID
        var payments: [ObjectID] = []
        var rescues: [BSONValue] = []
        var amount: Int64 = 0
    }

    /// Thrown inside a driver's transaction when a payment was paid out or
    /// changed status between the scan and the write.
    struct PaymentsMoved: Error {}

    /// Pays out `week`; `progress` is called with (drivers done, drivers) after each driver.
    public func run(week: ISOWeek, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> Summary {
        var summary = Summary(week: week)
        let drivers = try await unpaid(in: week)
        summary.drivers = drivers.count
        progress(0, drivers.count)
        for (index, driver) in drivers.enumerated() {
            do {
                try await payOut(driver, week: week)
                summary.payoutsCreated += 1
                summary.paymentsCovered += driver.payments.count
                summary.amount += driver.amount
            } catch let error as MongoError where error.code == .duplicateKey {
                summary.alreadyPaidOut += 1
            } catch is PaymentsMoved {
                summary.changedMeanwhile += 1
            }
            progress(index + 1, drivers.count)
        }
        return summary
    }

    /// The week's succeeded payments without a payout, by driver (in `_id` order).
    func unpaid(in week: ISOWeek) async throws -> [DriverWeek] {
        let start: BSONValue = .date(BSONDate(millisecondsSinceEpoch: Int64(week.start.timeIntervalSince1970 * 1000)))
        let end: BSONValue = .date(BSONDate(millisecondsSinceEpoch: Int64(week.end.timeIntervalSince1970 * 1000)))
        let inWeek: BSONValue = ["$gte": start, "$lt": end]
        let payments = try await database.collection(.payments).find(
            [
                "status": "succeeded", "payoutId": ["$exists": false],
                "$or": [["processedAt": inWeek], ["processedAt": ["$exists": false], "createdAt": inWeek]],
            ],
            options: FindOptions(
                projection: ["_id": 1, "driverId": 1, "rescueId": 1, "driverPayout": 1], sort: ["_id": 1]))
        let rescues = payments.compactMap { $0["rescueId"] }
        var covered = Set<BSONValue>()
        if !rescues.isEmpty {
            let payouts = try await database.collection(.payouts).find(
                ["rescueIds": ["$in": .array(rescues)]], options: FindOptions(projection: ["rescueIds": 1]))
            for payout in payouts {
                if case .array(let ids)? = payout["rescueIds"] { covered.formUnion(ids) }
            }
        }
        var byDriver: [ObjectID: DriverWeek] = [:]
        for payment in payments {
            guard case .objectID(let id)? = payment["_id"], case .objectID(let driverId)? = payment["driverId"],
                let rescue = payment["rescueId"], !covered.contains(rescue)
            else { continue }
            byDriver[driverId, default: DriverWeek(driverId: driverId)].payments.append(id)
            byDriver[driverId]?.rescues.append(rescue)
            byDriver[driverId]?.amount += StripeEventRecorder.integer(payment["driverPayout"]) ?? 0
        }
        return byDriver.values.sorted { $0.driverId.hex < $1.driverId.hex }
    }

    /// One driver's payout and its payments marked, in one transaction.
    func payOut(_ driver: DriverWeek, week: ISOWeek) async throws {
        try await TrustedWrite.run(on: database, as: Self.principal) { write in
            let id = ObjectID()
            let payout: BSONDocument = [
                "_id": .objectID(id), "driverId": .objectID(driver.driverId), "amount": .int64(driver.amount),
                "status": "pending", "rescueIds": .array(driver.rescues),
                "periodStart": .date(BSONDate(millisecondsSinceEpoch: Int64(week.start.timeIntervalSince1970 * 1000))),
                "periodEnd": .date(BSONDate(millisecondsSinceEpoch: Int64(week.end.timeIntervalSince1970 * 1000))),
                "payoutKey": .string(driver.driverId.hex + ":" + week.description), "createdAt": .date(write.now),
                "updatedAt": .date(write.now),
            ]
            try await write.insert(payout, into: .payouts)
            let marked = try await write.collection(.payments).updateMany(
                [
                    "_id": ["$in": .array(driver.payments.map(BSONValue.objectID))], "status": "succeeded",
                    "payoutId": ["$exists": false],
                ],
                ["$set": ["payoutId": .objectID(id), "updatedAt": .date(write.now)]], session: write.session)
            guard marked.modifiedCount == driver.payments.count else { throw PaymentsMoved() }
            try await write.audit(
                "payout.create", .payouts, id, fields: payout.keys.filter { $0 != "_id" }, also: [.payments])
        }
    }
}
