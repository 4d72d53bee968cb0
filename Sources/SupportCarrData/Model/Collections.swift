/// The 17 collections of the SupportCarr database, named as the seed's own
/// migration example writes them (lower-case plural of the model name; DESIGN.md
/// "Data").
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
}
