import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.setDriverAvailability`: a driver goes online or offline, or
/// says whether it takes rescues now (only drivers, for their own profile:
/// `RoleWritePolicy.setDriverAvailability`).
///
/// Rules (`docs/DATA-MODEL.md`, "driverprofiles": available means online
/// and not busy; only approved drivers are offered rescues):
/// - `isAvailable` defaults to `isOnline`, and cannot be true while offline
///   (`BAD_USER_INPUT`);
/// - only an approved driver goes online (`CONFLICT` naming its status);
/// - a driver with a live assignment (offered or active) is not available:
///   asking to be is a `CONFLICT`; going offline is allowed (the job stays).
///
/// One transaction: the profile (read and changed in one `findAndModify`, so
/// `wasOnline` is what the change replaced), a `driveravailabilitylogs` row
/// and the audit entry.
enum DriverAvailability {
    /// Assignment statuses that keep a driver busy.
    static let liveStatuses: [BSONValue] = ["assigned", "accepted", "en_route", "arrived", "in_progress"]

    static func resolve(_ field: FieldContext) throws -> ResolvedValue {
        let isOnline = try InputReader(field.arguments, "isOnline").bool()
        let asked = try InputReader(field.arguments, "isAvailable").optionalBool()
        let reason = try InputReader(field.arguments, "reason").optionalText(maxLength: 200)
        if asked == true && !isOnline {
            throw UserInputError(argument: "isAvailable", "cannot be true while isOnline is false")
        }
        let context = try field.accessContext()
        guard let driverId = context.principal.driverProfileID else {
            throw NotFoundError(argument: "isOnline", what: "driver profile of the caller")
        }
        return .async {
            .object(
                DocumentSource(
                    try await set(driverId, online: isOnline, available: asked ?? isOnline, reason: reason, in: context)
                ))
        }
    }

    static func set(_ driverId: ObjectID, online: Bool, available: Bool, reason: String?, in context: AccessContext)
        async throws -> BSONDocument
    {
        let own = context.restrict(["_id": .objectID(driverId)], in: .driverProfiles)
        guard let profile = try await context.collection(.driverProfiles).findOne(own) else {
            throw NotFoundError(argument: "isOnline", what: "driver profile of the caller")
        }
        let status = (try? profile["status", as: String.self]) ?? "unknown"
        if online && status != "approved" {
            throw ConflictError(
                "The driver is \(status.uppercased()), not APPROVED: only approved drivers go online.",
                currentStatus: status.uppercased())
        }
        return try await LifecycleWrite.run(in: context) { write in
            let busy =
                try await write.findOne(
                    ["driverId": .objectID(driverId), "status": ["$in": .array(liveStatuses)]],
                    in: .rescueAssignments) != nil
            if busy && available {
                throw ConflictError(
                    "The driver has a live assignment and cannot be available until it ends.", currentStatus: "BUSY")
            }
            let set: BSONDocument = [
                "isOnline": .bool(online), "isAvailable": .bool(available && !busy), "updatedAt": .date(write.now),
            ]
            guard
                let before = try await write.update(
                    own, ["$set": .document(set)], in: .driverProfiles, returning: .before)
            else { throw NotFoundError(argument: "isOnline", what: "driver profile of the caller") }
            var entry: BSONDocument = [
                "_id": .objectID(ObjectID()), "driverId": .objectID(driverId),
                "wasOnline": .bool((try? before["isOnline", as: Bool.self]) ?? false), "isOnline": .bool(online),
                "timestamp": .date(write.now),
            ]
            entry["reason"] = reason.map(BSONValue.string) ?? .null
            try await write.insert(entry, into: .driverAvailabilityLogs)
            try await write.audit(
                "driver.setAvailability", .driverProfiles, driverId, fields: set.keys,
                also: [.driverAvailabilityLogs])
            var after = before
            for element in set { after[element.key] = element.value }
            return after
        }
    }
}
