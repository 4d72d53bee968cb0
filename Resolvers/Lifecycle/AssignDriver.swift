import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.assignDriver`: support or admin (`RoleWritePolicy.assignDriver`)
/// offers a requested rescue to a driver, named or the nearest free one.
///
/// One transaction, each step a compare-and-set on the state it expects:
/// the driver from available to busy (`isAvailable: false`; it must still be
/// online, available and approved), the rescue from `requested` to `matched`
/// (with `matchedAt` and its owner field `driverId`), then the assignment
/// (`assigned`, `assignedAt`, its owner field `riderId`), the history entry,
/// the driver's offer count, the rider's notice and the audit entry. Two
/// dispatchers at once: one transaction commits, the other finds the rescue
/// no longer `requested` (or the driver no longer available) and answers
/// `CONFLICT` naming the current state.
///
/// The unique `rescueId` index allows one assignment per rescue: a rescue
/// whose driver declined keeps its `rejected` assignment, which matching it
/// again reuses (same `_id`, answer fields cleared; `docs/DATA-MODEL.md`,
/// "rescueassignments"). The assignment also keeps the pickup point
/// (`pickupLocation`), so that a position update can estimate the arrival
/// without reading the rescue.
enum AssignDriver {
    /// How many of the nearest free drivers are tried, in order, when none is
    /// named and the nearer ones were taken meanwhile.
    static let candidates = 5

    static func resolve(_ field: FieldContext, locator: DriverLocator? = nil) throws -> ResolvedValue {
        let rescueId = try InputReader(field.arguments, "rescueId").objectID()
        let driverId = try InputReader(field.arguments, "driverId").optionalObjectID()
        let context = try field.accessContext()
        return .async {
            .object(DocumentSource(try await assign(rescueId, driver: driverId, in: context, locator: locator)))
        }
    }

    /// Thrown inside the transaction when the driver is no longer free.
    struct DriverTaken: Error {}

    static func assign(
        _ rescueId: ObjectID, driver named: ObjectID?, in context: AccessContext, locator: DriverLocator? = nil
    ) async throws -> BSONDocument {
        guard
            let rescue = try await context.collection(.rescueRequests).findOne(
                context.restrict(["_id": .objectID(rescueId)], in: .rescueRequests))
        else { throw NotFoundError(argument: "rescueId", what: "rescue") }
        try expect(rescue, status: "requested")
        guard case .document(let pickup)? = rescue["pickupLocation"],
            case .array(let coordinates)? = pickup["coordinates"],
            coordinates.count == 2, let lng = NearbyDrivers.number(coordinates[0]),
            let lat = NearbyDrivers.number(coordinates[1])
        else { throw ConflictError("The rescue has no pickup point.", currentStatus: "REQUESTED") }
        let drivers: [ObjectID]
        if let named {
            let driver = try await context.collection(.driverProfiles).findOne(
                context.restrict(["_id": .objectID(named)], in: .driverProfiles))
            guard let driver else { throw NotFoundError(argument: "driverId", what: "driver profile") }
            try expectFree(driver)
            drivers = [named]
        } else {
            drivers = try await nearest(lng: lng, lat: lat, in: context, locator: locator)
            guard !drivers.isEmpty else {
                throw ConflictError(
                    "No approved driver is online and available within 50 km of the pickup.",
                    currentStatus: "REQUESTED")
            }
        }
        for driverId in drivers {
            do {
                return try await LifecycleWrite.run(in: context) { write in
                    try await offer(rescueId, to: driverId, pickup: [.double(lng), .double(lat)], write: write)
                }
            } catch is DriverTaken {
                continue
            } catch let conflict as RescueMoved {
                try expect(conflict.current, status: "requested")
            }
        }
        if named != nil {
            throw ConflictError("The driver is no longer available.", currentStatus: "UNAVAILABLE")
        }
        throw ConflictError("The nearest available drivers were all taken meanwhile.", currentStatus: "REQUESTED")
    }

    /// The nearest free, approved drivers to the pickup (50 km at most),
    /// nearest first: the driver locator's ranking while it can answer, else
    /// the `nearbyDrivers` database search (a geo query, about a second at
    /// 10,000 drivers on the embedded database). A locator entry can be stale
    /// within its bound; each candidate is checked again by the offer's
    /// compare-and-set, so a stale one costs a try, never a wrong assignment.
    static func nearest(lng: Double, lat: Double, in context: AccessContext, locator: DriverLocator? = nil)
        async throws -> [ObjectID]
    {
        if let locator, context.restrictDiscovery([:], in: .driverProfiles).filter.isEmpty,
            let ranked = locator.nearest(
                lng: lng, lat: lat, maxDistance: Double(NearbyDrivers.maxDistanceCap), limit: candidates)
        {
            return ranked.map(\.id.objectID)
        }
        let filter = NearbyDrivers.filter(lng: lng, lat: lat, maxDistance: NearbyDrivers.maxDistanceCap)
        let found = try await context.collection(.driverProfiles).find(
            context.restrict(filter, in: .driverProfiles),
            options: FindOptions(
                projection: ["_id": 1, "location": 1], limit: NearbyDrivers.candidateLimit,
                batchSize: NearbyDrivers.candidateLimit))
        return NearbyDrivers.nearest(
            found, lng: lng, lat: lat, maxDistance: Double(NearbyDrivers.maxDistanceCap), first: candidates
        ).compactMap { if case .objectID(let id)? = $0.driver["_id"] { id } else { nil } }
    }

    /// Refuses a named driver who cannot take the rescue now.
    static func expectFree(_ driver: BSONDocument) throws {
        let status = (try? driver["status", as: String.self]) ?? "unknown"
        guard status == "approved" else {
            throw ConflictError(
                "The driver is \(status.uppercased()), not APPROVED.", currentStatus: status.uppercased())
        }
        guard (try? driver["isOnline", as: Bool.self]) == true else {
            throw ConflictError("The driver is offline.", currentStatus: "OFFLINE")
        }
        guard (try? driver["isAvailable", as: Bool.self]) == true else {
            throw ConflictError("The driver is busy with another rescue.", currentStatus: "BUSY")
        }
    }

    /// Refuses a rescue that is not in `status` (stored spelling), naming the one it is in.
    static func expect(_ rescue: BSONDocument?, status: String) throws {
        let current = (try? rescue?["status", as: String.self]) ?? "unknown"
        guard current == status else {
            throw ConflictError(
                "The rescue is \(current.uppercased()), not \(status.uppercased()).",
                currentStatus: current.uppercased())
        }
    }

    static func offer(_ rescueId: ObjectID, to driverId: ObjectID, pickup: [BSONValue], write: LifecycleWrite)
        async throws -> BSONDocument
    {
        let now = write.now
        guard
            let driver = try await write.update(
                ["_id": .objectID(driverId), "status": "approved", "isOnline": true, "isAvailable": true],
                ["$set": ["isAvailable": false, "updatedAt": .date(now)]], in: .driverProfiles)
        else { throw DriverTaken() }
        guard
            let rescue = try await write.update(
                ["_id": .objectID(rescueId), "status": "requested"],
                [
                    "$set": [
                        "status": "matched", "matchedAt": .date(now), "driverId": .objectID(driverId),
                        "updatedAt": .date(now),
                    ]
                ], in: .rescueRequests)
        else { throw RescueMoved(current: try await write.findOne(["_id": .objectID(rescueId)], in: .rescueRequests)) }
        let riderId = rescue["riderId"] ?? .null
        var fields: BSONDocument = [
            "driverId": .objectID(driverId), "riderId": riderId, "status": "assigned", "assignedAt": .date(now),
            "driverLocation": driver["location"] ?? ["type": "Point", "coordinates": .array(pickup)],
            "pickupLocation": ["type": "Point", "coordinates": .array(pickup)], "locationHistory": [],
            "updatedAt": .date(now),
        ]
        let cleared: BSONDocument = [
            "acceptedAt": "", "rejectedAt": "", "rejectionReason": "", "arrivedAt": "", "completedAt": "",
            "cancelledAt": "", "estimatedArrivalTime": "",
        ]
        let assignment: BSONDocument
        if let reused = try await write.update(
            ["rescueId": .objectID(rescueId), "status": "rejected"],
            ["$set": .document(fields), "$unset": .document(cleared)],
            in: .rescueAssignments)
        {
            assignment = reused
        } else {
            fields["_id"] = .objectID(ObjectID())
            fields["rescueId"] = .objectID(rescueId)
            fields["createdAt"] = .date(now)
            try await write.insert(fields, into: .rescueAssignments)
            assignment = fields
        }
        try await write.insert(
            [
                "_id": .objectID(ObjectID()), "rescueId": .objectID(rescueId), "fromStatus": "requested",
                "toStatus": "matched", "changedBy": write.context.principal.userID.map(BSONValue.objectID) ?? .null,
                "timestamp": .date(now), "riderId": riderId, "driverId": .objectID(driverId),
            ], into: .rescueStatusHistories)
        try await write.count(inDriverStats: driverId, [("totalRescues", .int32(1))])
        try await write.notifyRider(of: rescue, status: "matched")
        guard case .objectID(let assignmentId)? = assignment["_id"] else { return assignment }
        try await write.audit(
            "assignment.assign", .rescueAssignments, assignmentId,
            fields: ["driverId", "riderId", "status", "assignedAt", "driverLocation", "pickupLocation"],
            also: [.rescueRequests, .driverProfiles, .rescueStatusHistories, .driverStats, .notifications])
        return assignment
    }
}

/// Thrown inside a transaction whose compare-and-set on a rescue found it in
/// another status; `current` is the rescue as the transaction read it (nil
/// when it is gone). The transaction is aborted; the caller answers `CONFLICT`.
struct RescueMoved: Error {
    let current: BSONDocument?
}
