import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// `Mutation.transitionRescue`: moves a rescue one step along its lifecycle,
/// only if it is still in `from` (a compare-and-set on `status`), and records
/// the move in `rescuestatushistories`.
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
                let reason = field.arguments["reason", as: String.self]
                // Which role may make which move is `RescueMovePolicy`'s, in the field pipeline.
                let context = try field.accessContext()
                return .async {
                    try await transition(
                        id, from: from, to: to, reason: reason, by: context.principal.userID, in: context)
                }
            }
        ]
    ]

    static func transition(
        _ id: ObjectID, from: String, to: String, reason: String?, by user: ObjectID?, in context: AccessContext
    ) async throws -> ResolvedValue {
        let now = BSONDate.now()
        var set: BSONDocument = ["status": .string(to.lowercased()), "updatedAt": .date(now)]
        if let timeField = RescueLifecycle.timeFields[to] { set[timeField] = .date(now) }
        if to == "CANCELLED" {
            if let user { set["cancelledBy"] = .objectID(user) }
            if let reason { set["cancellationReason"] = .string(reason) }
        }
        // A declined match (back to REQUESTED) releases the rescue: its driver
        // (the owner field the driver row rule reads) is cleared, on the rescue
        // and on its history, so the driver who declined no longer sees it.
        let releases = from == "MATCHED" && to == "REQUESTED"
        if releases { set["driverId"] = .null }
        let rescues = context.collection(.rescueRequests)
        guard
            let updated = try await rescues.findOneAndUpdate(
                context.restrict(["_id": .objectID(id), "status": .string(from.lowercased())], in: .rescueRequests),
                ["$set": .document(set)])
        else {
            // A rescue the caller may not see is null, as if it did not exist.
            guard let current = try await rescues.findOne(context.restrict(["_id": .objectID(id)], in: .rescueRequests))
            else { return .null }
            let status = current["status"].map(BSONConversion.json)
            let name = status.flatMap { if case .string(let s) = $0 { s.uppercased() } else { nil } } ?? "unknown"
            throw ConflictError("The rescue is \(name), not \(from).", currentStatus: name)
        }
        // The history entry follows the update (no transaction: a failure here
        // leaves the move without its entry, reported as an error).
        var entry: BSONDocument = [
            "rescueId": .objectID(id), "fromStatus": .string(from.lowercased()), "toStatus": .string(to.lowercased()),
            "timestamp": .date(now),
        ]
        entry["changedBy"] = user.map { .objectID($0) } ?? .null
        if let reason { entry["reason"] = .string(reason) }
        // The entry's owners are its rescue's (`docs/DATA-MODEL.md`, "Owner fields").
        entry["riderId"] = updated["riderId"] ?? .null
        entry["driverId"] = updated["driverId"] ?? .null
        let history = context.collection(.rescueStatusHistories)
        if releases { _ = try await history.updateMany(["rescueId": .objectID(id)], ["$set": ["driverId": .null]]) }
        _ = try await history.insertOne(entry)
        return .object(DocumentSource(updated))
    }
}
