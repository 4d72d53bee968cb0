import MongoStore

/// One rescue and everything that hangs off it: assignment, status history,
/// payment, ratings, notifications, audit entries and SMS logs.
extension DemoRun {
    /// The rescue lifecycle in order (`docs/DATA-MODEL.md`, "Rescue lifecycle").
    static let stages = ["requested", "matched", "accepted", "en_route", "arrived", "in_progress", "completed"]
    static let allStatuses = stages + ["cancelled"]
    static let statusWeights: [(String, Int)] = [
        ("completed", 62), ("cancelled", 12), ("requested", 5), ("matched", 3), ("accepted", 4),
        ("en_route", 5), ("arrived", 4), ("in_progress", 5),
    ]
    /// How far back finished rescues reach.
    static let historyDays: Int64 = 120

    /// Stage times in milliseconds, indexed like `stages`.
    struct Timeline {
        var at: [Int64]
    }

    func addRescue(_ number: Int) {
        let riderIndex = random.int(0...(cast.riders.count - 1))
        let rider = cast.riders[riderIndex]
        let covering = number < Self.allStatuses.count
        var status = covering ? Self.allStatuses[number] : random.weighted(Self.statusWeights)
        // Rescues in progress are few at any moment: at most one per online
        // driver, and a third of the online drivers stay free for matching.
        if status != "completed", status != "cancelled" {
            let onlineCount = onlineDriverCount
            if !covering, activeRescues >= max(4, onlineCount) {
                status = "completed"
            } else if status != "requested", freeOnlineDrivers.count <= max(1, onlineCount / 3) {
                status = covering ? "requested" : "completed"
            }
        }
        let isActive = status != "completed" && status != "cancelled"
        if isActive { activeRescues += 1 }

        // Who drives: active jobs need a free online driver (one job each);
        // finished ones any approved driver.
        var driverIndex: Int?
        var cancelledAfterMatch = false
        if isActive, status != "requested" {
            if freeOnlineDrivers.isEmpty {
                status = "requested"
            } else {
                let slot = random.int(0...(freeOnlineDrivers.count - 1))
                driverIndex = freeOnlineDrivers.remove(at: slot)
            }
        } else if status == "completed" || status == "cancelled" {
            if approvedDrivers.isEmpty {
                status = "cancelled"
            } else if status == "completed" || random.chance(0.5) {
                driverIndex = random.pick(approvedDrivers)
                cancelledAfterMatch = status == "cancelled"
            }
        }
        // Some waiting rescues were offered to a driver who declined.
        let declined = status == "requested" && !approvedDrivers.isEmpty && random.chance(0.3)
        if declined { driverIndex = random.pick(approvedDrivers) }

        // The last stage reached (for cancelled: the stage it was cancelled in).
        let reached: Int
        switch status {
        case "cancelled": reached = cancelledAfterMatch ? random.int(1...4) : 0
        case "requested": reached = declined ? 1 : 0
        default: reached = Self.stages.firstIndex(of: status) ?? 0
        }

        // When: active rescues just before `asOf`, finished ones spread over the
        // history window, older first.
        let requestedAt: Int64
        if status == "completed" || status == "cancelled" {
            let span = Self.historyDays * DemoTime.day
            let base = asOf - span + span * Int64(number) / Int64(max(1, options.rescues))
            requestedAt = min(base + Int64(random.int(0...(12 * 3600))) * DemoTime.second, asOf - 3 * DemoTime.hour)
        } else {
            requestedAt = asOf - minutes(2...20)
        }
        var times = [requestedAt]
        let gaps: [ClosedRange<Int>] = [1...6, 0...3, 0...1, 6...25, 2...6, 10...45]
        for gap in gaps { times.append(times[times.count - 1] + minutes(gap)) }
        let cancelledAt = status == "cancelled" ? times[reached] + minutes(1...10) : nil
        // An active rescue's latest event must not lie in the future: shift back.
        let latest = cancelledAt ?? times[reached]
        if isActive, latest > asOf - DemoTime.minute {
            let shift = latest - (asOf - minutes(1...5))
            times = times.map { $0 - shift }
        }
        let timeline = Timeline(at: times)

        let rescueId = newId(at: timeline.at[0])
        let kind = random.weighted(DemoVocabulary.rescueTypes.map { ($0, $0.weight) })
        let pickupStreet =
            random.chance(0.5) ? DemoVocabulary.streets[rider.homeStreet] : random.pick(DemoVocabulary.streets)
        let pickupLng = DemoGeo.round(pickupStreet.lng + random.double(-0.01...0.01))
        let pickupLat = DemoGeo.round(pickupStreet.lat + random.double(-0.008...0.008))
        let hasDropoff = kind.type == "transport" || random.chance(0.55)
        let dropoffStreet = random.pick(DemoVocabulary.streets)
        let dropoffLng = DemoGeo.round(dropoffStreet.lng + random.double(-0.006...0.006))
        let dropoffLat = DemoGeo.round(dropoffStreet.lat + random.double(-0.006...0.006))
        let miles =
            hasDropoff
            ? (DemoGeo.miles(lng1: pickupLng, lat1: pickupLat, lng2: dropoffLng, lat2: dropoffLat) * 100).rounded()
                / 100
            : 0
        let jobMinutes = Int((timeline.at[6] - timeline.at[5]) / DemoTime.minute)
        let price = DemoPrice.make(miles: miles, minutes: jobMinutes, random: &random)
        riders[riderIndex].rescues += 1

        var rescue: BSONDocument = [
            "_id": .objectID(rescueId), "riderId": .objectID(rider.profileId), "status": .string(status),
        ]
        rescue["type"] = .string(kind.type)
        var pickup = DemoGeo.point(lng: pickupLng, lat: pickupLat)
        pickup["address"] = .string("\(random.int(100...3999)) \(pickupStreet.name)")
        pickup["city"] = "San Francisco"
        pickup["state"] = "CA"
        pickup["zipCode"] = .string(pickupStreet.zip)
        rescue["pickupLocation"] = .document(pickup)
        if hasDropoff {
            var dropoff = DemoGeo.point(lng: dropoffLng, lat: dropoffLat)
            dropoff["address"] = .string(
                random.chance(0.5)
                    ? "\(random.pick(DemoVocabulary.bikeShops)), \(random.int(100...3999)) \(dropoffStreet.name)"
                    : "\(random.int(100...3999)) \(dropoffStreet.name)")
            dropoff["city"] = "San Francisco"
            dropoff["state"] = "CA"
            dropoff["zipCode"] = .string(dropoffStreet.zip)
            rescue["dropoffLocation"] = .document(dropoff)
        }
        rescue["description"] = .string(random.pick(kind.descriptions))
        let photoCount = random.int(0...2)
        rescue["photos"] = .array(
            (0..<photoCount).map { .string("https://photos.example.com/rescues/\(rescueId.hex)/\($0 + 1).jpg") })
        rescue["estimatedPrice"] = .int(price.estimate)
        if status == "completed" { rescue["finalPrice"] = .int(price.amount) }
        if hasDropoff { rescue["distance"] = .double(miles) }
        rescue["estimatedDuration"] = .int(jobMinutes + Int((timeline.at[4] - timeline.at[0]) / DemoTime.minute))
        let bike = random.pick(DemoVocabulary.bikeMakes)
        rescue["bikeDetails"] = [
            "make": .string(bike.make), "model": .string(random.pick(bike.models)), "type": .string(bike.type),
        ]
        rescue["priority"] = .string(random.weighted([("low", 10), ("normal", 70), ("high", 15), ("urgent", 5)]))
        let driverUser = driverIndex.map { cast.drivers[$0].person.userId }
        // The owner fields the row rules filter on: the driver holding the rescue
        // (none after a decline), on the rescue and on its status history.
        let holder: BSONValue = declined ? .null : driverIndex.map { .objectID(cast.drivers[$0].profileId) } ?? .null
        rescue["driverId"] = holder
        var cancelledBy: ObjectID?
        if let cancelledAt {
            cancelledBy = cancelledAfterMatch && random.chance(0.3) ? driverUser : rider.person.userId
            rescue["cancellationReason"] = .string(
                cancelledBy == rider.person.userId
                    ? random.pick(Array(DemoVocabulary.cancellationReasons.prefix(4))) : "Driver unavailable")
            rescue["cancelledBy"] = cancelledBy.map(BSONValue.objectID) ?? .null
            rescue["cancelledAt"] = .date(ms: cancelledAt)
        }
        rescue["requestedAt"] = .date(ms: timeline.at[0])
        let stageFields = [(1, "matchedAt"), (2, "acceptedAt"), (4, "arrivedAt"), (6, "completedAt")]
        for (stage, field) in stageFields where stage <= reached && !(declined && stage >= 1) {
            rescue[field] = .date(ms: timeline.at[stage])
        }
        rescue["createdAt"] = .date(ms: timeline.at[0])
        rescue["updatedAt"] = .date(ms: cancelledAt ?? timeline.at[reached])
        emit(.rescueRequests, rescue)

        addHistory(
            rescueId: rescueId, reached: reached, declined: declined, cancelledAt: cancelledAt,
            cancelledBy: cancelledBy, riderUser: rider.person.userId, driverUser: driverUser, timeline: timeline,
            owners: ["riderId": .objectID(rider.profileId), "driverId": holder])
        if let driverIndex {
            addAssignment(
                rescueId: rescueId, riderId: rider.profileId, driverIndex: driverIndex, status: status,
                reached: reached,
                declined: declined,
                cancelledAt: cancelledAt, timeline: timeline, pickup: (pickupLng, pickupLat),
                dropoff: hasDropoff ? (dropoffLng, dropoffLat) : nil, miles: miles, jobMinutes: jobMinutes)
        }
        if status == "completed", let driverIndex {
            addPaymentAndRatings(
                rescueId: rescueId, riderIndex: riderIndex, driverIndex: driverIndex, price: price,
                completedAt: timeline.at[6], number: number)
        }
        addRescueMessages(
            rescueId: rescueId, riderIndex: riderIndex, driverIndex: declined ? nil : driverIndex, reached: reached,
            status: status, timeline: timeline, price: price, kind: kind.type, cancelledAt: cancelledAt,
            cancelledBy: cancelledBy)
    }

    func addHistory(
        rescueId: ObjectID, reached: Int, declined: Bool, cancelledAt: Int64?, cancelledBy: ObjectID?,
        riderUser: ObjectID, driverUser: ObjectID?, timeline: Timeline, owners: BSONDocument
    ) {
        var transitions: [(from: String?, to: String, by: ObjectID, reason: String?, at: Int64)] = [
            (nil, "requested", riderUser, nil, timeline.at[0])
        ]
        if declined {
            transitions.append(("requested", "matched", cast.admin.userId, "Nearest available driver", timeline.at[1]))
            transitions.append(
                ("matched", "requested", driverUser ?? cast.admin.userId, "Driver declined", timeline.at[2]))
        } else if reached >= 1 {
            for stage in 1...reached {
                let by = stage == 1 ? cast.admin.userId : (driverUser ?? cast.admin.userId)
                transitions.append(
                    (
                        Self.stages[stage - 1], Self.stages[stage], by,
                        stage == 1 ? "Nearest available driver" : nil, timeline.at[stage]
                    ))
            }
        }
        if let cancelledAt {
            transitions.append((Self.stages[reached], "cancelled", cancelledBy ?? riderUser, "Cancelled", cancelledAt))
        }
        for transition in transitions {
            var entry: BSONDocument = ["_id": .objectID(newId(at: transition.at)), "rescueId": .objectID(rescueId)]
            for owner in owners { entry[owner.key] = owner.value }
            entry["fromStatus"] = transition.from.map(BSONValue.string) ?? .null
            entry["toStatus"] = .string(transition.to)
            entry["changedBy"] = .objectID(transition.by)
            if let reason = transition.reason { entry["reason"] = .string(reason) }
            entry["timestamp"] = .date(ms: transition.at)
            emit(.rescueStatusHistories, entry)
        }
    }

    func addAssignment(
        rescueId: ObjectID, riderId: ObjectID, driverIndex: Int, status: String, reached: Int, declined: Bool,
        cancelledAt: Int64?,
        timeline: Timeline, pickup: (Double, Double), dropoff: (Double, Double)?, miles: Double, jobMinutes: Int
    ) {
        let driver = cast.drivers[driverIndex]
        let assignmentStatus: String
        if declined {
            assignmentStatus = "rejected"
        } else {
            switch status {
            case "matched": assignmentStatus = "assigned"
            case "cancelled": assignmentStatus = "cancelled"
            default: assignmentStatus = status
            }
        }
        drivers[driverIndex].assignments += 1
        var doc: BSONDocument = [
            "_id": .objectID(newId(at: timeline.at[1])), "rescueId": .objectID(rescueId),
            "riderId": .objectID(riderId), "driverId": .objectID(driver.profileId),
            "status": .string(assignmentStatus),
            "assignedAt": .date(ms: timeline.at[1]),
        ]
        if declined {
            drivers[driverIndex].rejected += 1
            doc["rejectedAt"] = .date(ms: timeline.at[2])
            doc["rejectionReason"] = .string(random.pick(DemoVocabulary.rejectionReasons))
        } else if reached >= 2 {
            drivers[driverIndex].accepted += 1
            doc["acceptedAt"] = .date(ms: timeline.at[2])
        }
        if !declined, reached >= 4 {
            doc["arrivedAt"] = .date(ms: timeline.at[4])
            drivers[driverIndex].arrivalMinutes += Int((timeline.at[4] - timeline.at[3]) / DemoTime.minute)
            drivers[driverIndex].arrivals += 1
        }
        if status == "completed" {
            doc["completedAt"] = .date(ms: timeline.at[6])
            drivers[driverIndex].completed += 1
            drivers[driverIndex].miles += miles
            drivers[driverIndex].minutes += jobMinutes
        }
        if let cancelledAt {
            doc["cancelledAt"] = .date(ms: cancelledAt)
            drivers[driverIndex].cancelled += 1
        }

        // The driver's trail: towards the pickup while en route, then towards the
        // drop-off while the job runs; a point every 30 seconds (the data model: the app
        // reports every 10 to 30 seconds), the last 100 kept (the data model's cap).
        let start = (
            DemoGeo.round(driver.lng + random.double(-0.02...0.02)),
            DemoGeo.round(driver.lat + random.double(-0.015...0.015))
        )
        var trail: [(Double, Double, Int64)] = []
        func walk(from a: (Double, Double), to b: (Double, Double), from t0: Int64, to t1: Int64) {
            let steps = max(1, Int((t1 - t0) / (30 * DemoTime.second)))
            for step in 0...steps {
                let f = Double(step) / Double(steps)
                trail.append(
                    (
                        DemoGeo.round(a.0 + (b.0 - a.0) * f + random.double(-0.0004...0.0004)),
                        DemoGeo.round(a.1 + (b.1 - a.1) * f + random.double(-0.0003...0.0003)),
                        t0 + (t1 - t0) * Int64(step) / Int64(steps)
                    ))
            }
        }
        if !declined, reached >= 3 {
            let enRouteEnd = reached >= 4 ? timeline.at[4] : min(asOf, cancelledAt ?? asOf)
            walk(from: start, to: pickup, from: timeline.at[3], to: enRouteEnd)
        }
        if !declined, reached >= 5 {
            let jobEnd = reached >= 6 ? timeline.at[6] : min(asOf, cancelledAt ?? asOf)
            walk(from: pickup, to: dropoff ?? pickup, from: timeline.at[5], to: jobEnd)
        }
        if trail.count > 100 { trail.removeFirst(trail.count - 100) }
        let here = trail.last.map { ($0.0, $0.1) } ?? start
        doc["driverLocation"] = .document(DemoGeo.point(lng: here.0, lat: here.1))
        doc["estimatedArrivalTime"] = .int(Int((timeline.at[4] - timeline.at[3]) / DemoTime.minute))
        doc["locationHistory"] = .array(
            trail.map { point in
                ["location": .document(DemoGeo.point(lng: point.0, lat: point.1)), "timestamp": .date(ms: point.2)]
            })
        doc["createdAt"] = .date(ms: timeline.at[1])
        doc["updatedAt"] = .date(ms: cancelledAt ?? trail.last?.2 ?? timeline.at[max(1, min(reached, 6))])
        emit(.rescueAssignments, doc)

        let isActive = ["assigned", "accepted", "en_route", "arrived", "in_progress"].contains(assignmentStatus)
        if isActive {
            drivers[driverIndex].busy = true
            drivers[driverIndex].lng = here.0
            drivers[driverIndex].lat = here.1
            drivers[driverIndex].lastLocationAt = trail.last?.2 ?? timeline.at[1]
        }
    }

    func addPaymentAndRatings(
        rescueId: ObjectID, riderIndex: Int, driverIndex: Int, price: DemoPrice, completedAt: Int64, number: Int
    ) {
        let rider = cast.riders[riderIndex]
        let driver = cast.drivers[driverIndex]
        // The first completed rescues cover every payment status; then mostly success.
        let status: String
        let recent = completedAt > asOf - 2 * DemoTime.hour
        let covering = ["succeeded", "pending", "processing", "failed", "refunded"]
        if paymentsMade < covering.count {
            status = covering[paymentsMade]
        } else if recent {
            status = random.chance(0.5) ? "pending" : "processing"
        } else {
            status = random.weighted([("succeeded", 92), ("failed", 3), ("refunded", 5)])
        }
        let createdAt = completedAt + minutes(0...1)
        var payment: BSONDocument = [
            "_id": .objectID(newId(at: createdAt)), "rescueId": .objectID(rescueId),
            "riderId": .objectID(rider.profileId), "driverId": .objectID(driver.profileId),
            "amount": .int(price.amount), "driverPayout": .int(price.driverPayout),
            "platformFee": .int(price.platformFee),
            "status": .string(status),
            "stripePaymentIntentId": .string("pi_" + random.string(24, from: DemoCast.alphanumerics)),
        ]
        if status != "pending" {
            payment["stripeChargeId"] = .string("ch_" + random.string(24, from: DemoCast.alphanumerics))
        }
        payment["paymentMethodId"] = .string(rider.paymentMethodIds[0])
        var breakdown: BSONDocument = [
            "basePrice": .int(price.basePrice), "distanceFee": .int(price.distanceFee), "timeFee": .int(price.timeFee),
        ]
        if price.surgeFee > 0 { breakdown["surgeFee"] = .int(price.surgeFee) }
        if price.discount > 0 { breakdown["discount"] = .int(price.discount) }
        breakdown["tax"] = .int(price.tax)
        payment["breakdown"] = .document(breakdown)
        var updatedAt = createdAt
        switch status {
        case "failed":
            payment["failureReason"] = .string(random.pick(["card_declined", "insufficient_funds", "expired_card"]))
            updatedAt = createdAt + minutes(0...2)
            payment["processedAt"] = .date(ms: updatedAt)
        case "succeeded", "refunded":
            updatedAt = createdAt + minutes(0...2)
            payment["processedAt"] = .date(ms: updatedAt)
            if status == "refunded" {
                updatedAt += Int64(random.int(1...5)) * DemoTime.day
                payment["refundedAt"] = .date(ms: updatedAt)
                payment["refundAmount"] = .int(random.chance(0.5) ? price.amount : price.amount / 2)
            }
        default: break
        }
        payment["createdAt"] = .date(ms: createdAt)
        payment["updatedAt"] = .date(ms: updatedAt)
        emit(.payments, payment)
        paymentsMade += 1

        if status == "succeeded" {
            drivers[driverIndex].earnings += price.driverPayout
            let key = PayoutKey(driver: driverIndex, weekStart: DemoTime.weekStart(completedAt))
            payouts[key, default: ([], 0)].rescueIds.append(rescueId)
            payouts[key, default: ([], 0)].amount += price.driverPayout
        }

        // Ratings, both ways, not always given.
        if random.chance(0.8) {
            let stars = random.weighted([(5, 60), (4, 25), (3, 9), (2, 4), (1, 2)])
            drivers[driverIndex].ratingSum += stars
            drivers[driverIndex].ratingCount += 1
            addRating(
                rescueId: rescueId, from: rider.person.userId, to: driver.person.userId, type: "rider_to_driver",
                stars: stars, at: completedAt + minutes(2...90), tags: DemoVocabulary.riderTags,
                comments: DemoVocabulary.riderComments)
        }
        if random.chance(0.7) {
            let stars = random.weighted([(5, 75), (4, 18), (3, 5), (2, 1), (1, 1)])
            riders[riderIndex].ratingSum += stars
            riders[riderIndex].ratingCount += 1
            addRating(
                rescueId: rescueId, from: driver.person.userId, to: rider.person.userId, type: "driver_to_rider",
                stars: stars, at: completedAt + minutes(1...60), tags: DemoVocabulary.driverTags,
                comments: DemoVocabulary.driverComments)
        }
    }

    func addRating(
        rescueId: ObjectID, from: ObjectID, to: ObjectID, type: String, stars: Int, at: Int64, tags: [String],
        comments: [String]
    ) {
        var rating: BSONDocument = [
            "_id": .objectID(newId(at: at)), "rescueId": .objectID(rescueId), "fromUserId": .objectID(from),
            "toUserId": .objectID(to), "type": .string(type), "rating": .int(stars),
        ]
        if random.chance(0.4) { rating["comment"] = .string(random.pick(comments)) }
        let tagCount = stars >= 4 ? random.int(0...2) : 0
        rating["tags"] = .array(
            Array(Set((0..<tagCount).map { _ in random.pick(tags) })).sorted().map(BSONValue.string))
        rating["isAnonymous"] = .bool(random.chance(0.1))
        rating["createdAt"] = .date(ms: at)
        emit(.ratings, rating)
    }
}

/// A price in integer cents, its breakdown and the 20% platform fee.
struct DemoPrice {
    var basePrice: Int
    var distanceFee: Int
    var timeFee: Int
    var surgeFee: Int
    var discount: Int
    var tax: Int
    var estimate: Int

    /// The total: every breakdown line added up (discount subtracted).
    var amount: Int { basePrice + distanceFee + timeFee + surgeFee - discount + tax }
    /// 20% of the total, rounded half up to a cent (`docs/DATA-MODEL.md`, "payments": the platform fee is typically 20% of the total).
    var platformFee: Int { (amount * 20 + 50) / 100 }
    var driverPayout: Int { amount - platformFee }

    static func make(miles: Double, minutes: Int, random: inout SplitMix64) -> DemoPrice {
        let base = 2900
        let distance = Int((miles * 275).rounded())
        let time = minutes * 40
        let subtotal = base + distance + time
        let surge = random.chance(0.15) ? subtotal * random.int(10...40) / 100 : 0
        let discount = random.chance(0.1) ? 500 : 0
        // San Francisco sales tax, 8.625%, rounded to the cent.
        let tax = ((subtotal + surge - discount) * 8625 + 50_000) / 100_000
        var price = DemoPrice(
            basePrice: base, distanceFee: distance, timeFee: time, surgeFee: surge, discount: discount, tax: tax,
            estimate: 0)
        price.estimate = price.amount * random.int(90...110) / 100
        return price
    }
}
