public import GraphQLEngine
public import Security

/// A mutation only some roles may call at all, whatever rows their row rules
/// let them reach: the lifecycle's writes (`README.md`, "Rescue lifecycle").
/// Which documents the write may touch is still the row rules' (the resolver
/// writes through `AccessContext.restrict`) and the data's (compare-and-set
/// on the current status).
public struct RoleWritePolicy: WritePolicy {
    public let fieldName: String
    /// The roles that may call the mutation.
    public let roles: Set<Role>
    /// What the mutation does, for the refusal: "request a rescue".
    public let doing: String

    public init(fieldName: String, roles: Set<Role>, doing: String) {
        self.fieldName = fieldName
        self.roles = roles
        self.doing = doing
    }

    public func check(role: Role, arguments: ArgumentValues) throws(GraphQLError) {
        if !roles.contains(role) { throw SecurityErrors.forbiddenWrite(role: role, doing: doing) }
    }

    /// `createRescueRequest`: a rider for itself; support and admin for a
    /// rider they name; a partner for a rider it registered (its row rule
    /// finds no other). A driver does not ask for rescues.
    public static let createRescueRequest = RoleWritePolicy(
        fieldName: "createRescueRequest", roles: [.rider, .support, .admin, .partner], doing: "request a rescue")

    /// `assignDriver`: dispatching is support's and admin's.
    public static let assignDriver = RoleWritePolicy(
        fieldName: "assignDriver", roles: [.support, .admin], doing: "assign a driver")

    /// `respondToAssignment`: only the driver offered the rescue answers (the
    /// row rule keeps a driver to its own assignments).
    public static let respondToAssignment = RoleWritePolicy(
        fieldName: "respondToAssignment", roles: [.driver], doing: "answer an assignment")

    /// `setDriverAvailability`: the driver itself (the write names no driver:
    /// it is the caller's own profile).
    public static let setDriverAvailability = RoleWritePolicy(
        fieldName: "setDriverAvailability", roles: [.driver], doing: "change a driver's availability")

    /// `updateDriverLocation`: the driver itself.
    public static let updateDriverLocation = RoleWritePolicy(
        fieldName: "updateDriverLocation", roles: [.driver], doing: "report a driver's position")

    /// Every lifecycle write limited by role alone.
    public static let lifecycle: [RoleWritePolicy] = [
        createRescueRequest, assignDriver, respondToAssignment, setDriverAvailability, updateDriverLocation,
    ]
}
