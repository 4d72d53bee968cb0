import GraphQLEngine
import MongoStore
import Security
import SupportCarrData

/// `Mutation.transitionRescue`: moves a rescue one step along its lifecycle,
/// only if it is still in `from` (a compare-and-set on `status`), and records
/// the move in `rescuestatushistories`.
enum RescueTransitions {
    /// The lifecycle, one step at a time.
    static let lifecycle = ["REQUESTED", "MATCHED", "ACCEPTED", "EN_ROUTE", "ARRIVED", "IN_PROGRESS", "COMPLETED"]
    static let finalStatuses: Set<String> = ["COMPLETED", "CANCELLED"]
    /// The time field each status sets.
    static let timeFields: [String: String] = [
        "MATCHED": "matchedAt", "ACCEPTED": "acceptedAt", "ARRIVED": "arrivedAt", "COMPLETED": "completedAt",
        "CANCELLED": "cancelledAt",
    ]

    /// Whether the schema allows moving from `from` to `to`.
    static func isAllowed(from: String, to: String) -> Bool {
        if to == "CANCELLED" { return !finalStatuses.contains(from) }
        if from == "MATCHED", to == "REQUESTED" { return true }
        guard let index = lifecycle.firstIndex(of: from), index + 1 < lifecycle.count else { return false }
        return lifecycle[index + 1] == to
    }

    /// Which allowed moves a role may make. Row rules already limit a caller to
    /// the rescues it may see; this limits what it may do to them: a rider may
    /// only cancel its rescue; a driver may accept or decline a match, report
    /// progress up to completion, or cancel; matching (`REQUESTED` to
    /// `MATCHED`) and everything else is for support and admin (and trusted
    /// tools), who may make any allowed move.
    static func mayMove(_ role: Role, from: String, to: String) -> Bool {
        switch role {
        case .support, .admin:
            return true
        case .rider:
            return to == "CANCELLED"
        case .driver:
            if to == "CANCELLED" { return true }
            if from == "MATCHED", to == "REQUESTED" { return true }
            return from != "REQUESTED"
        }
    }

    static let map: ResolverMap = [
        "Mutation": [
            "transitionRescue": .sync { field in
                let id = try field.objectIDArgument("id")
                guard let from = field.arguments["from", as: String.self], let to = field.arguments["to", as: String.self] else {
                    throw UserInputError("Arguments \"from\" and \"to\" are required.")
                }
                guard isAllowed(from: from, to: to) else {
                    throw UserInputError("A rescue cannot move from \(from) to \(to).")
                }
                let reason = field.arguments["reason", as: String.self]
                let context = try field.requestContext()
                if let role = context.principal.caller?.key.role, !mayMove(role, from: from, to: to) {
                    throw SecurityErrors.forbiddenMove(role: role, from: from, to: to)
                }
                return .async {
                    try await transition(id, from: from, to: to, reason: reason, by: context.principal.userID, in: context)
                }
            }
        ]
    ]

    static func transition(
        _ id: ObjectID, from: String, to: String, reason: String?, by user: ObjectID?, in context: RequestContext
    ) async throws -> ResolvedValue {
        let now = BSONDate.now()
        var set: BSONDocument = ["status": .string(to.lowercased()), "updatedAt": .date(now)]
        if let timeField = timeFields[to] { set[timeField] = .date(now) }
        if to == "CANCELLED" {
            if let user { set["cancelledBy"] = .objectID(user) }
            if let reason { set["cancellationReason"] = .string(reason) }
        }
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
            throw GraphQLError(
                message: "The rescue is \(name), not \(from).",
                extensions: [("code", .string("CONFLICT")), ("currentStatus", .string(name))])
        }
        // The history entry follows the update (no transaction: a failure here
        // leaves the move without its entry, reported as an error).
        var entry: BSONDocument = [
            "rescueId": .objectID(id), "fromStatus": .string(from.lowercased()), "toStatus": .string(to.lowercased()),
            "timestamp": .date(now),
        ]
        entry["changedBy"] = user.map { .objectID($0) } ?? .null
        if let reason { entry["reason"] = .string(reason) }
        _ = try await context.collection(.rescueStatusHistories).insertOne(entry)
        return .object(DocumentSource(updated))
    }
}
