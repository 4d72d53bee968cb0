import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.transitionRescue`: moves a rescue one step along its lifecycle,
/// only if it is still in `from` (a compare-and-set on `status`), and with it
/// everything the move changes (`docs/DATA-MODEL.md`, "Rescue lifecycle"), in
/// one transaction:
/// - the rescue (`status`, the stage's time, for a cancellation
///   `cancelledBy` and `cancellationReason`; a declined match clears its
///   owner field `driverId`, on its history too);
/// - its assignment, moved alongside (`accepted`, `en_route`, `arrived`,
///   `in_progress`, `completed`, `cancelled` with their times; `rejected` with
///   `rejectedAt` and `rejectionReason` when the driver declines): a rescue
///   past `requested` whose assignment is not in step is a `CONFLICT`;
/// - a status history entry with its owner fields;
/// - completion (``complete(_:assignment:write:)``): `finalPrice`, the
///   `payments` row, `driverstats`, the driver's totals, the driver free again;
/// - a decline or a cancellation frees the driver (and counts in `driverstats`);
/// - the rider's notice for the statuses a rider cares about;
/// - the audit entry.
/// Matching (`REQUESTED` to `MATCHED`) names a driver, which this field cannot:
/// it is `assignDriver`'s. Which role may make which move is Enforcement's
/// `RescueMovePolicy`.
enum RescueTransitions {
    static let map: ResolverMap = [
        "Mutation": [
            "transitionRescue": .sync { field in
                let id = try field.objectIDArgument("id")
                guard let from = field.arguments["from", as: String.self],
                    let to = field.arguments["to", as: String.self]
                else {
                    throw UserInputError("Arguments \"from\" and \"to\" are required.")
                }
                guard RescueLifecycle.isAllowed(from: from, to: to) else {
                    throw UserInputError("A rescue cannot move from \(from) to \(to).")
                }
                if from == "REQUESTED" && to == "MATCHED" {
                    throw UserInputError(
                        argument: "to", "cannot be MATCHED here: matching names a driver, which is assignDriver's")
                }
                let reason = try InputReader(field.arguments, "reason").optionalText(maxLength: 500)
                // Which role may make which move is `RescueMovePolicy`'s, in the field pipeline.
                let context = try field.accessContext()
                return .async {
                    try await transition(id, from: from, to: to, reason: reason, in: context)
                }
            }
        ]
    ]

    /// The assignment status that goes with each stored rescue status while a
    /// driver holds the rescue (`docs/DATA-MODEL.md`, "rescueassignments").
    static func assignmentStatus(ofRescue status: String) -> String {
        status == "matched" ? "assigned" : status
    }

    static func transition(
        _ id: ObjectID, from: String, to: String, reason: String?, in context: AccessContext
    ) async throws -> ResolvedValue {
        // A rescue the caller may not see is null, as if it did not exist.
        guard
            try await context.collection(.rescueRequests).findOne(
                context.restrict(["_id": .objectID(id)], in: .rescueRequests),
                options: FindOptions(projection: ["_id": 1])) != nil
        else { return .null }
        do {
            let moved = try await LifecycleWrite.run(in: context) { write in
                try await move(id, from: from.lowercased(), to: to.lowercased(), reason: reason, write: write)
            }
            return .object(DocumentSource(moved))
        } catch let moved as RescueMoved {
            let name = ((try? moved.current?["status", as: String.self]) ?? "unknown").uppercased()
            throw ConflictError("The rescue is \(name), not \(from).", currentStatus: name)
        }
    }

    static func move(_ id: ObjectID, from: String, to: String, reason: String?, write: LifecycleWrite) async throws
        -> BSONDocument
    {
        let context = write.context
        let now = write.now
        let user = context.principal.userID
        var set: BSONDocument = ["status": .string(to), "updatedAt": .date(now)]
        if let timeField = RescueLifecycle.timeFields[to.uppercased()] { set[timeField] = .date(now) }
        if to == "cancelled" {
            set["cancelledBy"] = user.map(BSONValue.objectID) ?? .null
            if let reason { set["cancellationReason"] = .string(reason) }
        }
        // A declined match releases the rescue: its driver (the owner field the
        // driver row rule reads) is cleared, on the rescue and on its history,
        // so the driver who declined no longer sees it.
        let releases = from == "matched" && to == "requested"
        if releases { set["driverId"] = .null }
        let mine = context.restrict(["_id": .objectID(id)], in: .rescueRequests)
        guard
            var rescue = try await write.update(
                mine.and(["status": .string(from)]), ["$set": .document(set)], in: .rescueRequests,
                returning: .before)
        else { throw RescueMoved(current: try await write.findOne(mine, in: .rescueRequests)) }
        let heldBy = rescue["driverId"]
        for element in set { rescue[element.key] = element.value }
        var others: [Collections] = [.rescueStatusHistories]

        // The assignment moves with the rescue once a driver was matched.
        var assignment: BSONDocument?
        if from != "requested" {
            var moveSet: BSONDocument = ["updatedAt": .date(now)]
            switch to {
            case "requested":
                moveSet["status"] = "rejected"
                moveSet["rejectedAt"] = .date(now)
                moveSet["rejectionReason"] = reason.map(BSONValue.string) ?? .null
            case "cancelled":
                moveSet["status"] = "cancelled"
                moveSet["cancelledAt"] = .date(now)
            default:
                moveSet["status"] = .string(to)
                if let timeField = RescueLifecycle.timeFields[to.uppercased()] { moveSet[timeField] = .date(now) }
            }
            let expected = assignmentStatus(ofRescue: from)
            assignment = try await write.update(
                ["rescueId": .objectID(id), "status": .string(expected)], ["$set": .document(moveSet)],
                in: .rescueAssignments)
            if assignment == nil && to != "cancelled" {
                let current = try await write.findOne(["rescueId": .objectID(id)], in: .rescueAssignments)
                let status = ((try? current?["status", as: String.self]) ?? "missing").uppercased()
                throw ConflictError(
                    "The rescue's assignment is \(status), not \(expected.uppercased()).", currentStatus: status)
            }
            if assignment != nil { others.append(.rescueAssignments) }
        }
        var driverId: ObjectID?
        if case .objectID(let held)? = assignment?["driverId"] {
            driverId = held
        } else if case .objectID(let held)? = heldBy {
            driverId = held
        }

        var entry: BSONDocument = [
            "_id": .objectID(ObjectID()), "rescueId": .objectID(id), "fromStatus": .string(from),
            "toStatus": .string(to), "timestamp": .date(now),
        ]
        entry["changedBy"] = user.map(BSONValue.objectID) ?? .null
        if let reason { entry["reason"] = .string(reason) }
        // The entry's owners are its rescue's (`docs/DATA-MODEL.md`, "Owner fields").
        entry["riderId"] = rescue["riderId"] ?? .null
        entry["driverId"] = rescue["driverId"] ?? .null
        if releases {
            try await write.updateMany(
                ["rescueId": .objectID(id)], ["$set": ["driverId": .null]], in: .rescueStatusHistories)
        }
        try await write.insert(entry, into: .rescueStatusHistories)

        if let driverId {
            switch to {
            case "requested":
                try await write.freeDriver(driverId)
                try await write.count(inDriverStats: driverId, [("performanceMetrics.rejectedOffers", .int32(1))])
                others += [.driverProfiles, .driverStats]
            case "cancelled":
                try await write.freeDriver(driverId)
                try await write.count(inDriverStats: driverId, [("cancelledRescues", .int32(1))])
                others += [.driverProfiles, .driverStats]
            case "completed":
                if let assignment {
                    rescue = try await complete(rescue, driverId: driverId, assignment: assignment, write: write)
                    others += [.payments, .driverStats, .driverProfiles]
                }
            default:
                break
            }
        }
        if try await write.notifyRider(of: rescue, status: to) { others.append(.notifications) }
        var fields = set.keys
        if to == "completed" { fields.append("finalPrice") }
        try await write.audit(
            to == "cancelled" ? "rescue.cancel" : "rescue.move", .rescueRequests, id, fields: fields, also: others)
        return rescue
    }

    /// What completing a rescue writes besides the move: `finalPrice` (the
    /// quote, `RescuePricing`; recomputed without surge for a rescue stored
    /// without one), the `payments` row (`pending`, the breakdown, the 20%
    /// platform fee and the driver's payout), `driverstats` (completed
    /// rescues, earnings, distance carried, minutes from arrival to
    /// completion, the rates), the driver profile's `completedRescues` and
    /// `totalEarnings`, and the driver available again. Returns the rescue
    /// with its `finalPrice`.
    static func complete(_ rescue: BSONDocument, driverId: ObjectID, assignment: BSONDocument, write: LifecycleWrite)
        async throws -> BSONDocument
    {
        let now = write.now
        let miles = (try? rescue["distance", as: Double.self]) ?? 0
        let price =
            (try? rescue["priceQuote", as: BSONDocument.self]).flatMap(RescuePrice.init(breakdown:))
            ?? RescuePricing.quote(
                type: (try? rescue["type", as: String.self]) ?? "other", miles: miles,
                at: (try? rescue["requestedAt", as: BSONDate.self]) ?? now,
                pickupLng: pickupLongitude(of: rescue), surge: 1)
        var rescue = rescue
        rescue["finalPrice"] = .int64(Int64(price.amount))
        try await write.updateOne(
            ["_id": rescue["_id"] ?? .null], ["$set": ["finalPrice": .int64(Int64(price.amount))]],
            in: .rescueRequests)
        try await write.insert(
            [
                "_id": .objectID(ObjectID()), "rescueId": rescue["_id"] ?? .null, "riderId": rescue["riderId"] ?? .null,
                "driverId": .objectID(driverId), "amount": .int64(Int64(price.amount)),
                "driverPayout": .int64(Int64(price.driverPayout)), "platformFee": .int64(Int64(price.platformFee)),
                "status": "pending", "breakdown": .document(price.breakdown), "createdAt": .date(now),
                "updatedAt": .date(now),
            ], into: .payments)
        let started =
            (try? assignment["arrivedAt", as: BSONDate.self]) ?? (try? rescue["arrivedAt", as: BSONDate.self]) ?? now
        let minutes = max(0, Int((now.millisecondsSinceEpoch - started.millisecondsSinceEpoch + 59_999) / 60_000))
        try await write.count(
            inDriverStats: driverId,
            [
                ("completedRescues", .int32(1)), ("totalEarnings", .int64(Int64(price.driverPayout))),
                ("totalDistance", .double(miles)), ("totalTime", .int64(Int64(minutes))),
            ])
        try await write.updateOne(
            ["_id": .objectID(driverId)],
            [
                "$inc": ["completedRescues": .int32(1), "totalEarnings": .int64(Int64(price.driverPayout))],
                "$set": ["updatedAt": .date(now)],
            ], in: .driverProfiles)
        try await write.freeDriver(driverId)
        return rescue
    }

    static func pickupLongitude(of rescue: BSONDocument) -> Double {
        guard case .document(let pickup)? = rescue["pickupLocation"], case .array(let point)? = pickup["coordinates"],
            point.count == 2
        else { return 0 }
        return NearbyDrivers.number(point[0]) ?? 0
    }
}
