public import GraphQLEngine
public import Security

/// Who may change people's records: profiles, vehicles and payment methods
/// (`README.md`, "People"). A rider or driver reaches only its own records
/// (the resolvers find them through the row rules); these say which roles may
/// call each mutation at all.
public enum PeopleWritePolicies {
    /// `updateRiderProfile`: the rider itself, or support and admin for a rider they name.
    public static let updateRiderProfile = RoleWritePolicy(
        fieldName: "updateRiderProfile", roles: [.rider, .support, .admin], doing: "change a rider profile")

    /// Vehicles: the driver itself, or support and admin.
    public static let vehicles: [RoleWritePolicy] = [
        ("addVehicle", "add a vehicle"), ("updateVehicle", "change a vehicle"),
        ("deactivateVehicle", "deactivate a vehicle"),
    ].map { RoleWritePolicy(fieldName: $0.0, roles: [.driver, .support, .admin], doing: $0.1) }

    /// Payment methods: the rider itself, or support and admin.
    public static let paymentMethods: [RoleWritePolicy] = [
        ("addPaymentMethod", "add a payment method"), ("setDefaultPaymentMethod", "change a default payment method"),
        ("removePaymentMethod", "remove a payment method"),
    ].map { RoleWritePolicy(fieldName: $0.0, roles: [.rider, .support, .admin], doing: $0.1) }

    /// `eraseUser`: admins only (the permission, `users:erase`, is theirs alone too).
    public static let eraseUser = RoleWritePolicy(fieldName: "eraseUser", roles: [.admin], doing: "erase a user")

    /// `registerRider`: a partner for its customers, support and admin.
    public static let registerRider = RoleWritePolicy(
        fieldName: "registerRider", roles: [.partner, .support, .admin], doing: "register a rider")

    /// Every policy of the people mutations.
    public static let all: [any WritePolicy] =
        [updateRiderProfile, DriverProfileWritePolicy(), eraseUser, registerRider]
        + vehicles.map { $0 as any WritePolicy }
        + paymentMethods.map { $0 as any WritePolicy }
}

/// `updateDriverProfile`: the driver itself, support and admin; but the
/// driver's license, insurance and bank details only the driver itself or an
/// admin (support edits contact data, not identity or financial data).
public struct DriverProfileWritePolicy: WritePolicy {
    public let fieldName = "updateDriverProfile"

    /// The input fields support may not set.
    public static let restrictedFields: Set<String> = [
        "licenseNumber", "licenseExpiry", "vehicleInsuranceNumber", "insuranceExpiry", "bankDetails",
    ]

    public init() {}

    public func check(role: Role, arguments: ArgumentValues) throws(GraphQLError) {
        switch role {
        case .driver, .admin:
            return
        case .support:
            guard case .object(let entries)? = arguments["input"] else { return }
            let named = entries.map(\.key).filter { Self.restrictedFields.contains($0) }
            if let first = named.first {
                throw SecurityErrors.forbiddenWrite(role: role, doing: "change a driver's \(first)")
            }
        default:
            throw SecurityErrors.forbiddenWrite(role: role, doing: "change a driver profile")
        }
    }
}
