import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.respondToAssignment`: the driver offered a rescue accepts or
/// declines it (only drivers may: `RoleWritePolicy.respondToAssignment`; only
/// their own assignments: the write goes through the driver's row rule).
///
/// One transaction: the assignment from `assigned` (a compare-and-set, so of
/// two answers at once exactly one wins and the other is a `CONFLICT` naming
/// the status the first left), then the rescue from `matched`:
/// - accept: both `accepted` with `acceptedAt`; the rider is told;
/// - decline: the assignment `rejected` with `rejectedAt` and
///   `rejectionReason`; the rescue back to `requested` without a driver (its
///   owner field `driverId` cleared, on its history too: `docs/DATA-MODEL.md`,
///   "Owner fields"); the driver available again and its declined offers counted.
enum RespondToAssignment {
    static func resolve(_ field: FieldContext) throws -> ResolvedValue {
        let assignmentId = try InputReader(field.arguments, "assignmentId").objectID()
        let accept = try InputReader(field.arguments, "accept").bool()
        let reason = try InputReader(field.arguments, "reason").optionalText(maxLength: 500)
        let context = try field.accessContext()
        return .async {
            .object(DocumentSource(try await respond(assignmentId, accept: accept, reason: reason, in: context)))
        }
    }

    /// Thrown inside the transaction when the assignment is no longer `assigned`.
    struct AssignmentMoved: Error {
        let current: BSONDocument?
    }

    static func respond(_ assignmentId: ObjectID, accept: Bool, reason: String?, in context: AccessContext)
        async throws -> BSONDocument
    {
        let own = context.restrict(["_id": .objectID(assignmentId)], in: .rescueAssignments)
        guard
            try await context.collection(.rescueAssignments).findOne(own, options: FindOptions(projection: ["_id": 1]))
                != nil
        else { throw NotFoundError(argument: "assignmentId", what: "assignment") }
        do {
            return try await LifecycleWrite.run(in: context) { write in
                try await answer(own, accept: accept, reason: reason, write: write)
            }
        } catch let moved as AssignmentMoved {
            let status = ((try? moved.current?["status", as: String.self]) ?? "unknown").uppercased()
            throw ConflictError("The assignment is \(status), not ASSIGNED.", currentStatus: status)
        } catch let moved as RescueMoved {
            let status = ((try? moved.current?["status", as: String.self]) ?? "unknown").uppercased()
            throw ConflictError("The rescue is \(status), not MATCHED.", currentStatus: status)
        }
    }

    static func answer(_ own: BSONDocument, accept: Bool, reason: String?, write: LifecycleWrite) async throws
        -> BSONDocument
    {
        let now = write.now
        var set: BSONDocument = ["status": accept ? "accepted" : "rejected", "updatedAt": .date(now)]
        if accept {
            set["acceptedAt"] = .date(now)
        } else {
            set["rejectedAt"] = .date(now)
            set["rejectionReason"] = reason.map(BSONValue.string) ?? .null
        }
        guard
            let assignment = try await write.update(
                own.and(["status": "assigned"]), ["$set": .document(set)], in: .rescueAssignments)
        else { throw AssignmentMoved(current: try await write.findOne(own, in: .rescueAssignments)) }
        guard case .objectID(let rescueId)? = assignment["rescueId"],
            case .objectID(let driverId)? = assignment["driverId"]
        else { throw AssignmentMoved(current: assignment) }
        var rescueSet: BSONDocument = ["status": accept ? "accepted" : "requested", "updatedAt": .date(now)]
        if accept { rescueSet["acceptedAt"] = .date(now) } else { rescueSet["driverId"] = .null }
        guard
            let rescue = try await write.update(
                ["_id": .objectID(rescueId), "status": "matched", "driverId": .objectID(driverId)],
                ["$set": .document(rescueSet)], in: .rescueRequests)
        else { throw RescueMoved(current: try await write.findOne(["_id": .objectID(rescueId)], in: .rescueRequests)) }
        var entry: BSONDocument = [
            "_id": .objectID(ObjectID()), "rescueId": .objectID(rescueId), "fromStatus": "matched",
            "toStatus": accept ? "accepted" : "requested",
            "changedBy": write.context.principal.userID.map(BSONValue.objectID) ?? .null, "timestamp": .date(now),
            "riderId": rescue["riderId"] ?? .null, "driverId": accept ? .objectID(driverId) : .null,
        ]
        if let reason { entry["reason"] = .string(reason) } else if !accept { entry["reason"] = "Driver declined" }
        if !accept {
            try await write.updateMany(
                ["rescueId": .objectID(rescueId)], ["$set": ["driverId": .null]], in: .rescueStatusHistories)
        }
        try await write.insert(entry, into: .rescueStatusHistories)
        var others: [Collections] = [.rescueRequests, .rescueStatusHistories]
        if accept {
            try await write.notifyRider(of: rescue, status: "accepted")
            others.append(.notifications)
        } else {
            try await write.freeDriver(driverId)
            try await write.count(inDriverStats: driverId, [("performanceMetrics.rejectedOffers", .int32(1))])
            others += [.driverProfiles, .driverStats]
        }
        guard case .objectID(let assignmentId)? = assignment["_id"] else { return assignment }
        try await write.audit(
            accept ? "assignment.accept" : "assignment.decline", .rescueAssignments, assignmentId,
            fields: set.keys, also: others)
        return assignment
    }
}
