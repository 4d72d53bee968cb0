/// A user's role (`User.role` in the data model: `rider`, `driver`, `support`,
/// `admin`). The role bounds what any of the user's keys may do: a key's
/// effective permissions are its own list limited by `maximalPermissions`.
public enum Role: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case rider
    case driver
    case support
    case admin
    /// A partner integration (a bike shop's or an insurer's system): it
    /// registers riders and requests rescues for them, and sees only the
    /// riders and rescues it created (the `partnerId` tenant field).
    case partner

    public var description: String { rawValue }

    /// The most a key of this role may hold. Riders and drivers get the reads
    /// their apps need; row rules (`RowScope`) then limit them to their own
    /// records, so `pii:contact` for a rider means its own name, email and phone
    /// number (and its current driver's name), never anyone else's.
    ///
    /// - rider: its account (`users:read` for `me`), its profile, its rescues and
    ///   cancelling them (`rescues:write`), nearby drivers (`drivers:read`, without
    ///   `pii:identity`), its payments and payment methods, ratings, notifications
    ///   (and marking them read, `notifications:write`) and contact data.
    ///   Its `rescues:write` also requests rescues (for itself only).
    /// - driver: the same for its side, plus `payouts:read` (its earnings),
    ///   `pii:identity` (its own license, insurance and plates: row rules keep it
    ///   to its own rows; riders have no identity fields), `assignments:write`
    ///   (answering the rescues offered to it) and `drivers:write` (going online,
    ///   sending its position).
    /// - support: every read, `rescues:write` (a console cancels stuck rescues,
    ///   or requests one for a rider on the phone), `assignments:write`
    ///   (dispatching drivers), `drivers:write` (held so that support may do
    ///   whatever a driver may; the driver writes of today are the driver's own,
    ///   `RoleWritePolicy`),
    ///   `notifications:write` (marking a user's notification read, audited),
    ///   `pii:contact` and `pii:identity`; not `pii:financial` (bank details stay
    ///   with admins) and not `apikeys:manage`.
    /// - ratings and money: riders and drivers hold `ratings:write` (each rates
    ///   the other side of its completed rescues), and support with them (it
    ///   holds what a driver may), though `RoleWritePolicy.rateRescue` lets
    ///   only a rescue's own rider and driver rate; support holds
    ///   `payments:write` (refunds).
    /// - every role below admin: `profiles:write`, its own profile, vehicles
    ///   and payment methods (row rules and the write policies keep a rider or
    ///   driver to its own; support may not change a driver's license,
    ///   insurance or bank details).
    /// - admin: everything, `users:erase` (GDPR erasure) included.
    /// - partner: see `partnerPermissions`.
    ///
    /// No role below admin holds `pii:financial`: bank details, card expiry and
    /// processor ids are edited in Stripe's own hosted flows, not read through
    /// this API.
    public var maximalPermissions: PermissionSet {
        switch self {
        case .rider: Self.riderPermissions
        case .driver: Self.driverPermissions
        case .support: Self.supportPermissions
        case .admin: .everything
        case .partner: Self.partnerPermissions
        }
    }

    private static let riderPermissions: PermissionSet = [
        .usersRead, .ridersRead, .driversRead, .rescuesRead, .rescuesWrite, .paymentsRead, .ratingsRead,
        .notificationsRead, .notificationsWrite, .piiContact, .profilesWrite,
        .ratingsWrite,
    ]

    private static let driverPermissions: PermissionSet = [
        .usersRead, .ridersRead, .driversRead, .driversWrite, .rescuesRead, .rescuesWrite, .assignmentsWrite,
        .paymentsRead, .payoutsRead, .ratingsRead, .notificationsRead, .notificationsWrite, .piiContact,
        .piiIdentity, .profilesWrite,
        .ratingsWrite,
    ]

    /// A partner registers riders (`profiles:write`), reads them with their
    /// contact data (`riders:read`, `users:read`, `pii:contact`: the row rules
    /// keep it to the riders it registered) and requests and follows their
    /// rescues (`rescues:read`, `rescues:write`). No drivers, payments or
    /// anything else of anyone.
    private static let partnerPermissions: PermissionSet = [
        .usersRead, .ridersRead, .rescuesRead, .rescuesWrite, .piiContact, .profilesWrite,
    ]

    private static let supportPermissions: PermissionSet = [
        .usersRead, .ridersRead, .driversRead, .driversWrite, .rescuesRead, .rescuesWrite, .assignmentsWrite,
        .paymentsRead, .payoutsRead, .ratingsRead, .notificationsRead, .notificationsWrite, .auditLogsRead,
        .twilioRead, .piiContact, .piiIdentity, .profilesWrite,
        .ratingsWrite, .paymentsWrite,
    ]

    /// Whether the role's rows are limited by `RowScope` rules (riders and
    /// drivers) or it sees every row (support and admin).
    public var seesEveryRow: Bool { self == .support || self == .admin }
}
