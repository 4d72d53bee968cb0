import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.updateDriverLocation`: a driver's app reports its position, every
/// 10 to 30 seconds while online (only drivers, for their own profile:
/// `RoleWritePolicy.updateDriverLocation`).
///
/// Cheap by design, as it is the most frequent write: no transaction (each
/// document is changed by one atomic update, and nothing else depends on the
/// two agreeing), and two round trips of commands sent together:
/// 1. the profile's `location` and `lastLocationUpdate` (an `updateOne` on
///    the caller's own profile); the driver's live assignment (offered or
///    active), found on `{driverId, status}`; the audit entry (field names
///    only: a position is personal data);
/// 2. the profile read back for the answer; when there is a live assignment,
///    one update of it, on its `_id` and the status just read:
///    `driverLocation`, the point appended to `locationHistory` keeping the
///    last 100 (`$push` with `$each` and `$slice: -100`), and, while the
///    driver is heading to the pickup (`assigned`, `accepted`, `en_route`),
///    `estimatedArrivalTime` from the pickup point the assignment keeps.
///
/// No `findAndModify`: the embedded database runs it as a scan of the
/// collection (1.5 s at 100,000 assignments); plain updates and finds are
/// planned on their indexes everywhere.
enum DriverLocationUpdate {
    /// The points `locationHistory` keeps (`docs/DATA-MODEL.md`, "rescueassignments").
    static let historyLength = 100
    /// Statuses in which the driver is still on the way to the pickup.
    static let heading: Set<String> = ["assigned", "accepted", "en_route"]
    /// Average city driving speed used for the arrival estimate, in miles an hour.
    static let milesPerHour = 20.0

    static func resolve(_ field: FieldContext) throws -> ResolvedValue {
        let point = try InputReader(field.arguments, "location").point()
        let context = try field.accessContext()
        guard let driverId = context.principal.driverProfileID else {
            throw NotFoundError(argument: "location", what: "driver profile of the caller")
        }
        return .async { .object(DocumentSource(try await update(driverId, to: point, in: context))) }
    }

    /// The minutes to drive `miles` at ``milesPerHour``, rounded up.
    static func assignedAt(_ assignment: BSONDocument) -> Int64 {
        if case .date(let date)? = assignment["assignedAt"] { return date.millisecondsSinceEpoch }
        return .min
    }

    static func arrivalMinutes(miles: Double) -> Int {
        Int((miles / milesPerHour * 60).rounded(.up))
    }

    static func update(_ driverId: ObjectID, to point: (lng: Double, lat: Double), in context: AccessContext)
        async throws -> BSONDocument
    {
        let now = BSONDate.now()
        let location: BSONValue = ["type": "Point", "coordinates": [.double(point.lng), .double(point.lat)]]
        let own = context.restrict(["_id": .objectID(driverId)], in: .driverProfiles)
        let profiles = context.collection(.driverProfiles)
        let assignments = context.collection(.rescueAssignments)
        let audits = context.collection(.auditLogs)
        async let moved = profiles.updateOne(
            own, ["$set": ["location": location, "lastLocationUpdate": .date(now), "updatedAt": .date(now)]])
        async let live = assignments.find(
            ["driverId": .objectID(driverId), "status": ["$in": .array(DriverAvailability.liveStatuses)]],
            options: FindOptions(projection: ["_id": 1, "status": 1, "pickupLocation": 1, "assignedAt": 1]))
        let entry = context.auditEntry(
            action: "driver.updateLocation", collection: .driverProfiles, entityId: driverId,
            fields: ["location", "lastLocationUpdate"], otherCollections: [.rescueAssignments], at: now)
        async let audited = audits.insertOne(entry)
        guard try await moved.matchedCount > 0 else {
            // The other two are cancelled and awaited when the scope ends.
            throw NotFoundError(argument: "location", what: "driver profile of the caller")
        }
        _ = try await audited
        async let profile = profiles.findOne(own)
        // The newest live assignment, should there ever be more than one.
        if let assignment = try await live.max(by: { assignedAt($0) < assignedAt($1) }),
            let status = try? assignment["status", as: String.self]
        {
            var set: BSONDocument = ["driverLocation": location, "updatedAt": .date(now)]
            if heading.contains(status), case .document(let pickup)? = assignment["pickupLocation"],
                case .array(let target)? = pickup["coordinates"], target.count == 2,
                let lng = NearbyDrivers.number(target[0]), let lat = NearbyDrivers.number(target[1])
            {
                let miles = RescuePricing.miles(from: point, to: (lng, lat))
                set["estimatedArrivalTime"] = .int32(Int32(arrivalMinutes(miles: miles)))
            }
            // On the status just read: an assignment that moved on meanwhile keeps its history.
            _ = try await assignments.updateOne(
                ["_id": assignment["_id"] ?? .null, "status": .string(status)],
                [
                    "$set": .document(set),
                    "$push": [
                        "locationHistory": [
                            "$each": [["location": location, "timestamp": .date(now)]],
                            "$slice": .int32(Int32(-historyLength)),
                        ]
                    ],
                ])
        }
        guard let updated = try await profile else {
            throw NotFoundError(argument: "location", what: "driver profile of the caller")
        }
        return updated
    }
}
