import DataModel
public import GraphQLEngine
public import Security

/// Which of the lifecycle's moves (`RescueLifecycle.isAllowed`) each role may
/// make with `Mutation.transitionRescue`. Row rules already limit a caller to
/// the rescues it may see; this limits what it may do to them:
/// - a rider may only cancel its rescue;
/// - a driver may accept or decline a match, report progress up to
///   completion, or cancel;
/// - matching (`REQUESTED` to `MATCHED`) and every other move is for support
///   and admin (and trusted tools), who may make any allowed move.
public struct RescueMovePolicy: WritePolicy {
    public init() {}

    public var fieldName: String { "transitionRescue" }

    /// Whether `role` may move a rescue from `from` to `to` (an allowed move).
    public static func mayMove(_ role: Role, from: String, to: String) -> Bool {
        switch role {
        case .support, .admin:
            return true
        case .rider, .partner:
            return to == "CANCELLED"
        case .driver:
            if to == "CANCELLED" { return true }
            if from == "MATCHED", to == "REQUESTED" { return true }
            return from != "REQUESTED"
        }
    }

    public func check(role: Role, arguments: ArgumentValues) throws(GraphQLError) {
        // A move the lifecycle does not allow is the resolver's `BAD_USER_INPUT`.
        guard let from = arguments["from", as: String.self], let to = arguments["to", as: String.self],
            RescueLifecycle.isAllowed(from: from, to: to)
        else { return }
        if !Self.mayMove(role, from: from, to: to) {
            throw SecurityErrors.forbiddenMove(role: role, from: from, to: to)
        }
    }
}
