import MongoStore

/// Which rows of one collection a rider or driver may see, as data: rendered
/// into a MongoDB filter fragment (`RowScope.filter(for:)`) that resolvers AND
/// into every query, so pagination and counts stay right, and evaluated on a
/// fetched document (`RowScope.matches`) where a decision is per row, such as
/// whose personal data may be shown.
public indirect enum RowRule: Sendable, Hashable {
    /// Every row.
    case everything
    /// No row.
    case nothing
    /// Rows whose `field` equals one of the caller's own ids.
    case equals(field: String, PrincipalIdentifier)
    /// Rows whose `field` is one of a precomputed list of ids (`RowRelation`).
    case within(field: String, RowRelation)
    /// Rows any of the rules admit.
    case anyOf([RowRule])
}

/// One of the caller's own ids.
public enum PrincipalIdentifier: String, Sendable, Hashable, CaseIterable {
    /// `users._id` of the key's user.
    case userId
    /// `riderprofiles._id` of the user's rider profile.
    case riderProfileId
    /// `driverprofiles._id` of the user's driver profile.
    case driverProfileId
}

/// A list of ids that follows from the caller's own rows through another
/// collection, loaded once per request (`RowRelationsLoader`) before the rules
/// that need it are rendered.
///
/// Why precomputed lists rather than a `$lookup` in every query: the rules stay
/// plain `find` filters that every resolver, loader and `countDocuments` can AND
/// in, whatever else the query does, and the indexes on `riderId`, `driverId`
/// and `rescueId` serve both the lookup and the `$in`. The lists are small (one
/// entry per rescue the person took part in) and are loaded only when a query
/// touches a collection whose rule names them. If drivers with tens of thousands
/// of rescues appear, the alternative is to denormalise `driverId` onto
/// `rescuerequests` (set when an assignment is made) and use `.equals` instead.
public enum RowRelation: String, Sendable, Hashable, CaseIterable {
    /// A rider's rescues: `rescuerequests._id` where `riderId` is its profile.
    case ownRescueIds
    /// The drivers assigned to a rider's rescues: `rescueassignments.driverId`
    /// where `rescueId` is one of `ownRescueIds`.
    case counterpartDriverIds
    /// A driver's rescues: `rescueassignments.rescueId` where `driverId` is its
    /// profile (every assignment status: a driver keeps seeing a job it finished).
    case assignedRescueIds
    /// The riders of a driver's rescues: `rescuerequests.riderId` where `_id` is
    /// one of `assignedRescueIds`.
    case counterpartRiderIds
}

extension RowRule {
    /// The relations rendering this rule needs.
    public var relations: Set<RowRelation> {
        switch self {
        case .everything, .nothing, .equals: []
        case .within(_, let relation): [relation]
        case .anyOf(let rules): rules.reduce(into: Set()) { $0.formUnion($1.relations) }
        }
    }
}
