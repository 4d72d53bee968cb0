/// One permission of the catalogue `Schema.graphql` declares in the description
/// of `@requires`: a name such as `payments:read` or `pii:contact`.
///
/// Only the catalogue's names exist as values: `Permission(name:)` fails on
/// anything else, so a typo in a key's stored list or in a directive is caught
/// where it is read instead of silently granting (or denying) nothing.
public struct Permission: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The stored and declared name, e.g. `rescues:read`.
    public let name: String
    /// One line saying what the permission lets a caller read or do.
    public let summary: String

    private init(_ name: String, _ summary: String) {
        self.name = name
        self.summary = summary
    }

    /// The catalogue's permission called `name`, or nil when there is none.
    public init?(name: String) {
        guard let known = Self.byName[name] else { return nil }
        self = known
    }

    public var description: String { name }

    public static func == (lhs: Permission, rhs: Permission) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
    public static func < (lhs: Permission, rhs: Permission) -> Bool {
        (Self.position[lhs.name] ?? Int.max, lhs.name) < (Self.position[rhs.name] ?? Int.max, rhs.name)
    }

    // MARK: The catalogue (the same names and order as Schema.graphql's `@requires` description)

    public static let rescuesRead = Permission("rescues:read", "Rescue requests, their assignments and status history.")
    public static let rescuesWrite = Permission("rescues:write", "Requesting rescues and changing their status.")
    public static let assignmentsWrite = Permission(
        "assignments:write", "Assigning drivers to rescues and answering assignments.")
    public static let driversRead = Permission(
        "drivers:read", "Driver profiles, vehicles, driver statistics and availability logs.")
    public static let driversWrite = Permission("drivers:write", "A driver's own availability and position.")
    public static let ridersRead = Permission("riders:read", "Rider profiles.")
    public static let usersRead = Permission("users:read", "User accounts.")
    public static let paymentsRead = Permission("payments:read", "Payments and riders' payment methods.")
    public static let payoutsRead = Permission("payouts:read", "Payouts and drivers' earnings.")
    public static let ratingsRead = Permission("ratings:read", "Ratings.")
    // Writes of ratings and money.
    public static let ratingsWrite = Permission(
        "ratings:write", "Rating the other party of a completed rescue, once.")
    public static let paymentsWrite = Permission("payments:write", "Refunding payments.")
    public static let notificationsRead = Permission("notifications:read", "Notifications.")
    public static let notificationsWrite = Permission("notifications:write", "Marking notifications read.")
    public static let auditLogsRead = Permission("auditlogs:read", "The audit log.")
    public static let apiKeysManage = Permission("apikeys:manage", "API keys.")
    public static let twilioRead = Permission("twilio:read", "SMS, voice and verification delivery logs.")
    public static let profilesWrite = Permission(
        "profiles:write", "Changing profiles, vehicles and payment methods (one's own, or as staff anyone's).")
    public static let usersErase = Permission(
        "users:erase", "Erasing a user's personal data (GDPR, CCPA).")
    public static let piiContact = Permission(
        "pii:contact", "Names, email addresses, phone numbers, saved addresses and message texts.")
    public static let piiIdentity = Permission(
        "pii:identity", "Driving license and insurance numbers, number plates and VINs.")
    public static let piiFinancial = Permission(
        "pii:financial", "Bank details, card expiry dates and payment-processor customer and account ids.")

    /// Every permission, in catalogue order.
    public static let all: [Permission] = [
        rescuesRead, rescuesWrite, assignmentsWrite, driversRead, driversWrite, ridersRead, usersRead, paymentsRead,
        payoutsRead, ratingsRead,
        ratingsWrite, paymentsWrite,
        notificationsRead, notificationsWrite, auditLogsRead, apiKeysManage, twilioRead, profilesWrite, usersErase,
        piiContact, piiIdentity,
        piiFinancial,
    ]

    private static let byName: [String: Permission] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
    private static let position: [String: Int] = Dictionary(
        uniqueKeysWithValues: all.enumerated().map { ($0.element.name, $0.offset) })
}
