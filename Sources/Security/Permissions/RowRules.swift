public import DataModel

/// The row rules, as a table per role and collection: a rider sees only its
/// own rescues, payments, payment methods and notifications; a driver only its
/// own assignments, payouts and the rescues assigned to it; support and admin
/// see every row. A collection missing from the table is closed to riders and
/// drivers, so a new collection is never open by accident.
///
/// Every rule is a filter on an indexed field that holds the caller's own id,
/// so its cost does not grow with the caller's history: rescues carry their
/// current driver (`rescuerequests.driverId`), assignments and status history
/// their rider (`riderId`) and history its driver (`driverId`), kept by the
/// gateway's writes and filled in for older data by `supportcarr migrate`
/// (`docs/DATA-MODEL.md`, "Owner fields"). The exception is the other party of
/// a live rescue (`RowRelation`): a short list, read once per request.
public enum RowRules {
    /// Which rows of `collection` a caller of `role` may see.
    public static func visibility(for role: Role, in collection: Collections) -> RowRule {
        switch role {
        case .support, .admin: .everything
        case .rider: riderVisibility[collection] ?? .nothing
        case .driver: driverVisibility[collection] ?? .nothing
        case .partner: partnerVisibility[collection] ?? .nothing
        }
    }

    /// Whose personal data (fields needing a `pii:` permission) a caller of
    /// `role` may read in `collection`, among the rows it sees: the same as
    /// `visibility` (a rule of its own would go here, where a role sees more
    /// rows than it may read personal data of).
    public static func personalData(for role: Role, in collection: Collections) -> RowRule {
        visibility(for: role, in: collection)
    }

    /// The rows of `collection` a caller of `role` may find through a search
    /// that is itself the grant (`Query.nearbyDrivers`: free, approved drivers
    /// within 50 km of a point), and which of their fields such a find may
    /// read (nil: all). A rider sees no driver profile but its live rescue's
    /// by the row rules; through the search it finds the nearby free drivers,
    /// and of each where it is and how it is rated (`riderDiscoversDrivers`):
    /// never its name or anything else a rider app does not show of a driver
    /// it has not met.
    public static func discovery(for role: Role, in collection: Collections) -> (
        rule: RowRule, fields: [String]?
    ) {
        switch (role, collection) {
        case (.rider, .driverProfiles):
            (.everything, riderDiscoversDrivers)
        default:
            (visibility(for: role, in: collection), nil)
        }
    }

    /// What a rider reads of a driver it found nearby: position and rating, and
    /// the other fields `Schema.graphql` declares non-null (a field left out
    /// would make the whole answer null); no personal data (the personal-data
    /// rule refuses it anyway), no insurance or background-check dates, no
    /// earnings.
    static let riderDiscoversDrivers = [
        "_id", "userId", "location", "lastLocationUpdate", "isOnline", "isAvailable", "status", "rating",
        "ratingCount", "completedRescues", "licenseExpiry", "createdAt", "updatedAt",
    ]

    /// Every collection a rule names (what a full row scope loads relations for).
    public static var collections: Set<Collections> {
        Set(riderVisibility.keys).union(driverVisibility.keys).union(partnerVisibility.keys)
    }

    /// A partner sees what it created: the riders it registered (their
    /// accounts and profiles) and the rescues it requested, by the tenant
    /// field `partnerId` (its user's id) its writes put on each; nothing else.
    static let partnerVisibility: [Collections: RowRule] = [
        .users: .equals(field: "partnerId", .userId),
        .riderProfiles: .equals(field: "partnerId", .userId),
        .rescueRequests: .equals(field: "partnerId", .userId),
    ]

    static let riderVisibility: [Collections: RowRule] = [
        .users: .equals(field: "_id", .userId),
        .riderProfiles: .equals(field: "_id", .riderProfileId),
        .driverProfiles: .within(field: "_id", .liveDriverIds),
        .vehicles: .within(field: "driverId", .liveDriverIds),
        .driverStats: .within(field: "driverId", .liveDriverIds),
        .rescueRequests: .equals(field: "riderId", .riderProfileId),
        .rescueAssignments: .equals(field: "riderId", .riderProfileId),
        .rescueStatusHistories: .equals(field: "riderId", .riderProfileId),
        .payments: .equals(field: "riderId", .riderProfileId),
        .paymentMethods: .equals(field: "riderId", .riderProfileId),
        .ratings: .anyOf([.equals(field: "fromUserId", .userId), .equals(field: "toUserId", .userId)]),
        .notifications: .equals(field: "userId", .userId),
        .apiKeys: .equals(field: "userId", .userId),
    ]

    static let driverVisibility: [Collections: RowRule] = [
        .users: .equals(field: "_id", .userId),
        .riderProfiles: .within(field: "_id", .liveRiderIds),
        .driverProfiles: .equals(field: "_id", .driverProfileId),
        .vehicles: .equals(field: "driverId", .driverProfileId),
        .driverStats: .equals(field: "driverId", .driverProfileId),
        .driverAvailabilityLogs: .equals(field: "driverId", .driverProfileId),
        .rescueRequests: .equals(field: "driverId", .driverProfileId),
        .rescueAssignments: .equals(field: "driverId", .driverProfileId),
        .rescueStatusHistories: .equals(field: "driverId", .driverProfileId),
        .payments: .equals(field: "driverId", .driverProfileId),
        .payouts: .equals(field: "driverId", .driverProfileId),
        .ratings: .anyOf([.equals(field: "fromUserId", .userId), .equals(field: "toUserId", .userId)]),
        .notifications: .equals(field: "userId", .userId),
        .apiKeys: .equals(field: "userId", .userId),
    ]
}
