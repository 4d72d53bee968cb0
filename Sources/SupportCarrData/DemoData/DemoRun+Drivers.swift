import MongoStore

/// Driver stats, availability logs and weekly payouts, from the totals the
/// rescues left behind.
extension DemoRun {
    func addDriverRecords() {
        for (index, driver) in cast.drivers.enumerated() {
            let totals = drivers[index]
            let decided = totals.accepted + totals.rejected
            let stats: BSONDocument = [
                "_id": .objectID(newId(at: driver.person.createdAt.millisecondsSinceEpoch)),
                "driverId": .objectID(driver.profileId), "totalRescues": .int(totals.assignments),
                "completedRescues": .int(totals.completed), "cancelledRescues": .int(totals.cancelled),
                "totalEarnings": .int(totals.earnings), "totalDistance": .double((totals.miles * 100).rounded() / 100),
                "totalTime": .int(totals.minutes),
                "averageRating": .double(Self.average(totals.ratingSum, totals.ratingCount)),
                "acceptanceRate": .double(
                    decided == 0 ? 0 : (Double(totals.accepted) / Double(decided) * 1000).rounded() / 1000),
                "completionRate": .double(
                    totals.accepted == 0
                        ? 0 : (Double(totals.completed) / Double(totals.accepted) * 1000).rounded() / 1000),
                "performanceMetrics": [
                    "averageArrivalMinutes": .double(Self.average(totals.arrivalMinutes, totals.arrivals)),
                    "ratingCount": .int(totals.ratingCount), "rejectedOffers": .int(totals.rejected),
                ],
                "lastUpdated": .date(ms: asOf),
            ]
            emit(.driverStats, stats)
            addAvailability(index)
        }
        for key in payouts.keys.sorted() {
            guard let payout = payouts[key] else { continue }
            addPayout(key: key, rescueIds: payout.rescueIds, amount: payout.amount)
        }
    }

    /// A week of shifts: on in the morning, off some hours later; drivers online
    /// now end with an open shift.
    func addAvailability(_ index: Int) {
        let driver = cast.drivers[index]
        guard driver.status == "approved" || driver.status == "suspended" else { return }
        func log(_ wasOnline: Bool, _ isOnline: Bool, _ at: Int64, _ reason: String) {
            emit(
                .driverAvailabilityLogs,
                [
                    "_id": .objectID(newId(at: at)), "driverId": .objectID(driver.profileId),
                    "wasOnline": .bool(wasOnline),
                    "isOnline": .bool(isOnline), "timestamp": .date(ms: at), "reason": .string(reason),
                ])
        }
        for daysAgo in stride(from: 7, through: 1, by: -1) where random.chance(0.7) {
            let start =
                asOf - Int64(daysAgo) * DemoTime.day + Int64(random.int(6...10)) * DemoTime.hour + minutes(0...59)
            log(false, true, start, "shift_start")
            let end = start + Int64(random.int(3...9)) * DemoTime.hour + minutes(0...59)
            log(true, false, end, random.weighted([("shift_end", 85), ("app_backgrounded", 10), ("low_battery", 5)]))
        }
        if driver.isOnline {
            log(false, true, asOf - minutes(20...300), "shift_start")
        }
        if driver.status == "suspended" {
            log(false, false, asOf - minutes(60...(60 * 24)), "account_suspended")
        }
    }

    /// One weekly payout (periods run Monday to Monday, UTC; paid the day after).
    func addPayout(key: PayoutKey, rescueIds: [ObjectID], amount: Int) {
        let driver = cast.drivers[key.driver]
        let periodEnd = key.weekStart + DemoTime.week
        let status: String
        if periodEnd > asOf {
            status = "pending"
        } else if periodEnd + DemoTime.day > asOf {
            status = "processing"
        } else {
            status = random.chance(0.03) ? "failed" : "paid"
        }
        let created = min(asOf, periodEnd)
        var payout: BSONDocument = [
            "_id": .objectID(newId(at: created)), "driverId": .objectID(driver.profileId), "amount": .int(amount),
            "status": .string(status),
        ]
        if status == "paid" || status == "processing" {
            payout["stripeTransferId"] = .string("tr_" + random.string(24, from: DemoCast.alphanumerics))
        }
        if status == "paid" {
            payout["stripePayoutId"] = .string("po_" + random.string(24, from: DemoCast.alphanumerics))
        }
        payout["rescueIds"] = .array(rescueIds.map(BSONValue.objectID))
        payout["periodStart"] = .date(ms: key.weekStart)
        payout["periodEnd"] = .date(ms: periodEnd)
        if status == "failed" { payout["failureReason"] = .string("Bank account could not be reached") }
        var updated = created
        if status == "paid" || status == "failed" {
            updated = periodEnd + 9 * DemoTime.hour
            payout["processedAt"] = .date(ms: updated)
        }
        payout["createdAt"] = .date(ms: created)
        payout["updatedAt"] = .date(ms: updated)
        emit(.payouts, payout)
    }
}
