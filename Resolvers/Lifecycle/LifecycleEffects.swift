import DataModel
import MongoStore

/// The derived data a lifecycle move keeps (`docs/DATA-MODEL.md`,
/// "driverstats", "notifications", "driverprofiles"), written in the move's
/// transaction.
extension LifecycleWrite {
    /// The rider notices of the statuses a rider cares about: title and body
    /// by stored rescue status. No names or places: a notification may be
    /// shown on a locked screen.
    static let riderNotices: [String: (title: String, body: String)] = [
        "matched": ("Driver found", "A driver has been matched to your rescue."),
        "accepted": ("Rescue accepted", "Your driver accepted the rescue and will set off shortly."),
        "arrived": ("Your driver is here", "Your driver has reached the pickup point."),
        "completed": ("Rescue completed", "Your rescue is complete. Thank you for riding with SupportCarr."),
        "cancelled": ("Rescue cancelled", "Your rescue was cancelled."),
    ]

    /// Inserts an in-app `notifications` row for the rider of `rescue` when
    /// `status` (stored spelling) is one of ``riderNotices``; returns whether it did.
    @discardableResult
    func notifyRider(of rescue: BSONDocument, status: String) async throws -> Bool {
        guard let notice = Self.riderNotices[status], case .objectID(let riderId)? = rescue["riderId"],
            case .objectID(let rescueId)? = rescue["_id"]
        else { return false }
        guard let rider = try await findOne(["_id": .objectID(riderId)], in: .riderProfiles),
            case .objectID(let userId)? = rider["userId"]
        else { return false }
        try await insert(
            [
                "_id": .objectID(ObjectID()), "userId": .objectID(userId), "type": "rescue", "channel": "in_app",
                "title": .string(notice.title), "body": .string(notice.body),
                "data": ["rescueId": .string(rescueId.hex), "status": .string(status)], "read": false,
                "sentAt": .date(now), "createdAt": .date(now),
            ], into: .notifications)
        return true
    }

    /// The counters of `driverstats` a lifecycle event moves: `$inc` of
    /// `increments` (field → amount), creating the driver's document when it
    /// has none, then the two rates recomputed from the counters:
    /// acceptance = offers not declined / offers, completion = completed /
    /// offers not declined (each 0 while its denominator is).
    func count(inDriverStats driverId: ObjectID, _ increments: [(String, BSONValue)]) async throws {
        var inc = BSONDocument()
        for (field, amount) in increments { inc[field] = amount }
        // The filter's `driverId` is copied into a document the upsert creates.
        var onInsert: BSONDocument = ["averageRating": .double(0)]
        let counters: [(String, BSONValue)] = [
            ("totalRescues", .int32(0)), ("completedRescues", .int32(0)), ("cancelledRescues", .int32(0)),
            ("totalEarnings", .int64(0)), ("totalDistance", .double(0)), ("totalTime", .int32(0)),
        ]
        for (field, zero) in counters where inc[field] == nil { onInsert[field] = zero }
        if inc["performanceMetrics.rejectedOffers"] == nil { onInsert["performanceMetrics.rejectedOffers"] = .int32(0) }
        guard
            let stats = try await update(
                ["driverId": .objectID(driverId)],
                ["$inc": .document(inc), "$setOnInsert": .document(onInsert), "$set": ["lastUpdated": .date(now)]],
                in: .driverStats, upsert: true)
        else { return }
        let offers = (try? stats["totalRescues", as: Int.self]) ?? 0
        let completed = (try? stats["completedRescues", as: Int.self]) ?? 0
        let metrics = (try? stats["performanceMetrics", as: BSONDocument.self]) ?? [:]
        let declined = (try? metrics["rejectedOffers", as: Int.self]) ?? 0
        let taken = max(offers - declined, 0)
        let acceptance = offers > 0 ? Double(taken) / Double(offers) : 0
        let completion = taken > 0 ? min(1, Double(completed) / Double(taken)) : 0
        try await updateOne(
            ["_id": stats["_id"] ?? .null],
            ["$set": ["acceptanceRate": .double(acceptance), "completionRate": .double(completion)]],
            in: .driverStats)
    }

    /// Makes the driver available again after a job ends or is given back:
    /// available only while online (`docs/DATA-MODEL.md`, "driverprofiles":
    /// available means online and not busy).
    func freeDriver(_ driverId: ObjectID) async throws {
        try await updateOne(
            ["_id": .objectID(driverId), "isOnline": true],
            ["$set": ["isAvailable": true, "updatedAt": .date(now)]], in: .driverProfiles)
    }
}
