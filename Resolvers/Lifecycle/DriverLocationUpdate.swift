import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.updateDriverLocation`: a driver's app reports its position, every
/// 10 to 30 seconds while online (only drivers, for their own profile:
/// `RoleWritePolicy.updateDriverLocation`).
///
/// Cheap by design, as it is the most frequent write: no read before the
/// writes and no transaction (each document is changed by one atomic update,
/// and nothing else depends on the two agreeing). Three commands are sent
/// together, so the answer waits for one round trip:
/// - the profile's `location` and `lastLocationUpdate` (`findAndModify`,
///   which also returns the profile);
/// - the driver's live assignment (offered or active), when there is one:
///   `driverLocation`, and the point appended to `locationHistory` keeping
///   the last 100 (`$push` with `$each` and `$slice: -100`, one update);
/// - the audit entry (field names only: a position is personal data).
/// While the driver is heading to the pickup (`assigned`, `accepted`,
/// `en_route`), a second small update sets the assignment's
/// `estimatedArrivalTime` from the pickup point the assignment keeps.
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
        async let profile = profiles.findOneAndUpdate(
            own, ["$set": ["location": location, "lastLocationUpdate": .date(now), "updatedAt": .date(now)]])
        async let assignment = assignments.findOneAndUpdate(
            ["driverId": .objectID(driverId), "status": ["$in": .array(DriverAvailability.liveStatuses)]],
            [
                "$set": ["driverLocation": location, "updatedAt": .date(now)],
                "$push": [
                    "locationHistory": [
                        "$each": [["location": location, "timestamp": .date(now)]],
                        "$slice": .int32(Int32(-historyLength)),
                    ]
                ],
            ], sort: ["assignedAt": -1], projection: ["_id": 1, "status": 1, "pickupLocation": 1])
        let entry = context.auditEntry(
            action: "driver.updateLocation", collection: .driverProfiles, entityId: driverId,
            fields: ["location", "lastLocationUpdate"], otherCollections: [.rescueAssignments], at: now)
        async let audited = audits.insertOne(entry)
        guard let updated = try await profile else {
            // The other two are cancelled and awaited when the scope ends.
            throw NotFoundError(argument: "location", what: "driver profile of the caller")
        }
        _ = try await audited
        if let live = try await assignment, let status = try? live["status", as: String.self], heading.contains(status),
            case .document(let pickup)? = live["pickupLocation"], case .array(let target)? = pickup["coordinates"],
            target.count == 2, let lng = NearbyDrivers.number(target[0]), let lat = NearbyDrivers.number(target[1])
        {
            let miles = RescuePricing.miles(from: point, to: (lng, lat))
            _ = try await assignments.updateOne(
                ["_id": live["_id"] ?? .null, "status": .string(status)],
                ["$set": ["estimatedArrivalTime": .int32(Int32(arrivalMinutes(miles: miles)))]])
        }
        return updated
    }
}
