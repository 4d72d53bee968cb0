public import DataModel

/// The row rules, as a table per role and collection: a rider sees only its
/// own rescues, payments, payment methods and notifications; a driver only its
/// own assignments, payouts and the rescues assigned to it; support and admin
/// see every row. A collection missing from the table is closed to riders and
/// drivers, so a new collection is never open by accident.
public enum RowRules {
    /// Which rows of `collection` a caller of `role` may see.
    public static func visibility(for role: Role, in collection: Collections) -> RowRule {
        switch role {
        case .support, .admin: .everything
        case .rider: riderVisibility[collection] ?? .nothing
        case .driver: driverVisibility[collection] ?? .nothing
        }
    }

    /// Whose personal data (fields needing a `pii:` permission) a caller of
    /// `role` may read in `collection`, among the rows it sees. The same as
    /// `visibility` except where a role sees more rows than it may read PII of:
    /// riders see every driver profile (to find nearby drivers) but read the
    /// name and email only of drivers assigned to their rescues.
    public static func personalData(for role: Role, in collection: Collections) -> RowRule {
        switch (role, collection) {
        case (.rider, .driverProfiles): .within(field: "_id", .counterpartDriverIds)
        default: visibility(for: role, in: collection)
        }
    }

    /// Every collection a rule names (what a full row scope loads relations for).
    public static var collections: Set<Collections> { Set(riderVisibility.keys).union(driverVisibility.keys) }

    static let riderVisibility: [Collections: RowRule] = [
        .users: .equals(field: "_id", .userId),
        .riderProfiles: .equals(field: "_id", .riderProfileId),
        .driverProfiles: .everything,
        .vehicles: .within(field: "driverId", .counterpartDriverIds),
        .driverStats: .within(field: "driverId", .counterpartDriverIds),
        .rescueRequests: .equals(field: "riderId", .riderProfileId),
        .rescueAssignments: .within(field: "rescueId", .ownRescueIds),
        .rescueStatusHistories: .within(field: "rescueId", .ownRescueIds),
        .payments: .equals(field: "riderId", .riderProfileId),
        .paymentMethods: .equals(field: "riderId", .riderProfileId),
        .ratings: .anyOf([.equals(field: "fromUserId", .userId), .equals(field: "toUserId", .userId)]),
        .notifications: .equals(field: "userId", .userId),
        .apiKeys: .equals(field: "userId", .userId),
    ]

    static let driverVisibility: [Collections: RowRule] = [
        .users: .equals(field: "_id", .userId),
        .riderProfiles: .within(field: "_id", .counterpartRiderIds),
        .driverProfiles: .equals(field: "_id", .driverProfileId),
        .vehicles: .equals(field: "driverId", .driverProfileId),
        .driverStats: .equals(field: "driverId", .driverProfileId),
        .driverAvailabilityLogs: .equals(field: "driverId", .driverProfileId),
        .rescueRequests: .within(field: "_id", .assignedRescueIds),
        .rescueAssignments: .equals(field: "driverId", .driverProfileId),
        .rescueStatusHistories: .within(field: "rescueId", .assignedRescueIds),
        .payments: .equals(field: "driverId", .driverProfileId),
        .payouts: .equals(field: "driverId", .driverProfileId),
        .ratings: .anyOf([.equals(field: "fromUserId", .userId), .equals(field: "toUserId", .userId)]),
        .notifications: .equals(field: "userId", .userId),
        .apiKeys: .equals(field: "userId", .userId),
    ]
}
