public import SupportCarrData

/// Which collection stores each entity type of `Schema.graphql` (the schema's
/// opening description: each entity type is one collection). The security
/// middleware needs it to name a field's row for row rules, encryption
/// bindings and audit entries; embedded types (`SavedLocation`, `BankDetails`)
/// have none.
public enum EntityCollections {
    public static let byTypeName: [String: Collections] = [
        "User": .users, "RiderProfile": .riderProfiles, "DriverProfile": .driverProfiles, "Vehicle": .vehicles,
        "RescueRequest": .rescueRequests, "RescueAssignment": .rescueAssignments, "Payment": .payments,
        "Payout": .payouts, "Rating": .ratings, "PaymentMethod": .paymentMethods, "APIKey": .apiKeys,
        "Notification": .notifications, "AuditLog": .auditLogs, "DriverStats": .driverStats,
        "DriverAvailabilityLog": .driverAvailabilityLogs, "RescueStatusHistory": .rescueStatusHistories,
        "TwilioEventLog": .twilioEventLogs,
    ]

    /// The collection of entity type `typeName`, nil for embedded and other types.
    public static func collection(of typeName: String) -> Collections? { byTypeName[typeName] }
}
