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

/// The other party of the caller's live rescues: a list of ids read once per
/// request (`RowRelationsLoader`) before the rules that need it are rendered.
///
/// A rider sees its driver's vehicles, statistics and contact details, and a
/// driver its rider's profile, only while the rescue is live and for
/// `RowRelationsLoader.afterCompletion` after it completes: the list holds a
/// handful of ids whatever the caller's history (one indexed find on
/// `rescueassignments`, by `riderId` or `driverId` and `status`).
public enum RowRelation: String, Sendable, Hashable, CaseIterable {
    /// The drivers of a rider's live rescues: `rescueassignments.driverId`
    /// where `riderId` is its profile and the assignment is offered
    /// (`assigned`), active, or completed within the grace period.
    case liveDriverIds
    /// The riders of a driver's live jobs: `rescueassignments.riderId` where
    /// `driverId` is its profile and the assignment is active (accepted …
    /// in progress) or completed within the grace period.
    case liveRiderIds
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
