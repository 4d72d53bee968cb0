/// The 17 collections of the SupportCarr database, named as stored: the
/// lower-case plural of the model name (`docs/DATA-MODEL.md`, "Overview").
///
/// Each collection holds the documents of one entity type of `Schema.graphql`
/// (the schema's opening description), so the map between the two is this
/// one enum: `entityTypeName` one way, `init(entityTypeName:)` the other.
/// Embedded types (`SavedLocation`, `BankDetails`) have no collection.
public enum Collections: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    case users
    case riderProfiles = "riderprofiles"
    case driverProfiles = "driverprofiles"
    case vehicles
    case rescueRequests = "rescuerequests"
    case rescueAssignments = "rescueassignments"
    case payments
    case payouts
    case ratings
    case paymentMethods = "paymentmethods"
    case apiKeys = "apikeys"
    case notifications
    case auditLogs = "auditlogs"
    case driverStats = "driverstats"
    case driverAvailabilityLogs = "driveravailabilitylogs"
    case rescueStatusHistories = "rescuestatushistories"
    case twilioEventLogs = "twilioeventlogs"

    /// The name as stored in MongoDB.
    public var name: String { rawValue }

    public var description: String { rawValue }

    /// The `Schema.graphql` object type whose values this collection stores.
    public var entityTypeName: String {
        switch self {
        case .users: "User"
        case .riderProfiles: "RiderProfile"
        case .driverProfiles: "DriverProfile"
        case .vehicles: "Vehicle"
        case .rescueRequests: "RescueRequest"
        case .rescueAssignments: "RescueAssignment"
        case .payments: "Payment"
        case .payouts: "Payout"
        case .ratings: "Rating"
        case .paymentMethods: "PaymentMethod"
        case .apiKeys: "APIKey"
        case .notifications: "Notification"
        case .auditLogs: "AuditLog"
        case .driverStats: "DriverStats"
        case .driverAvailabilityLogs: "DriverAvailabilityLog"
        case .rescueStatusHistories: "RescueStatusHistory"
        case .twilioEventLogs: "TwilioEventLog"
        }
    }

    /// Stored fields that a read of documents to serve as GraphQL values may
    /// leave out while decoding when the operation selects them nowhere
    /// (`AccessContext.unshownLargeFields(of:)`): each is read only for the
    /// entity type's field of the same name (its resolver and middleware), by
    /// no other field, row rule or write, so an operation that selects it
    /// nowhere never needs it. Listed are the
    /// ones that cost the most to decode next to what reads usually show:
    /// - a rescue assignment's `locationHistory` (up to 100 points, about
    ///   6 KB) is 95% of its document; decoding it was the largest single
    ///   piece of an `activeRescue` request's CPU in a profile (8%), and a
    ///   nested page decoded it for every assignment;
    /// - a rescue request's drop-off place, photo links, description and bike
    ///   are about half of its values and most of its strings (each decoded
    ///   string is an allocation), while a rider's history and the lists of
    ///   rescues show their status, type, prices, times and pickup;
    /// - a profile's encrypted fields (`EncryptedField`) and a rider's saved
    ///   places: long strings, each an allocation and a UTF-8 check, decoded
    ///   for every driver of a nearby-drivers answer or a nested page that
    ///   shows none of them (their middleware decrypts the value of the
    ///   field it is on, so a field not selected is never decrypted either).
    public var largeFields: [String] {
        switch self {
        case .rescueAssignments: ["locationHistory"]
        case .rescueRequests: ["dropoffLocation", "photos", "description", "bikeDetails"]
        case .driverProfiles: ["name", "email", "licenseNumber", "vehicleInsuranceNumber", "bankDetails"]
        case .riderProfiles: ["name", "email", "savedLocations"]
        default: []
        }
    }

    /// The collection storing entity type `typeName`; nil for embedded and other types.
    public init?(entityTypeName typeName: String) {
        guard let found = Self.byEntityTypeName[typeName] else { return nil }
        self = found
    }

    private static let byEntityTypeName: [String: Collections] = Dictionary(
        uniqueKeysWithValues: allCases.map { ($0.entityTypeName, $0) })
}
