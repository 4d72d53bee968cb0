import GraphQLEngine
import Testing

/// `Schema.graphql` against the data model
/// (`docs/DATA-MODEL.md`): every stored field a client may read,
/// every enum value, every reference resolvable, the relationships the apps
/// walk. The tables below are the data model's, typed in by hand from its collections.
@Suite("Schema.graphql covers the data model")
struct SchemaFileSeedCoverageTests {
    /// Each collection's stored fields, as the ERD lists them (`_id` is `id`),
    /// without the secrets the schema must not offer.
    static let storedFields: [String: [String]] = [
        "User": [
            "id", "phoneNumber", "role", "phoneVerified", "phoneVerificationExpiry", "lastLoginAt", "createdAt",
            "updatedAt",
        ],
        "RiderProfile": [
            "id", "userId", "name", "email", "stripeCustomerId", "savedLocations", "preferences", "totalRescues",
            "averageRating", "createdAt", "updatedAt",
        ],
        "DriverProfile": [
            "id", "userId", "name", "email", "licenseNumber", "licenseExpiry", "vehicleInsuranceNumber",
            "insuranceExpiry",
            "stripeAccountId", "location", "isOnline", "isAvailable", "status", "rating", "ratingCount",
            "completedRescues",
            "totalEarnings", "bankDetails", "backgroundCheckDate", "lastLocationUpdate", "createdAt", "updatedAt",
        ],
        "Vehicle": [
            "id", "driverId", "type", "make", "model", "year", "plateNumber", "vin", "capacity", "dimensions",
            "features",
            "isActive", "createdAt", "updatedAt",
        ],
        "RescueRequest": [
            "id", "riderId", "status", "type", "pickupLocation", "dropoffLocation", "description", "photos",
            "estimatedPrice", "finalPrice", "distance", "estimatedDuration", "bikeDetails", "priority",
            "cancellationReason",
            "cancelledBy", "requestedAt", "matchedAt", "acceptedAt", "arrivedAt", "completedAt", "cancelledAt",
            "createdAt",
            "updatedAt",
        ],
        "RescueAssignment": [
            "id", "rescueId", "driverId", "status", "assignedAt", "acceptedAt", "rejectedAt", "arrivedAt",
            "completedAt",
            "cancelledAt", "driverLocation", "estimatedArrivalTime", "locationHistory", "rejectionReason", "createdAt",
            "updatedAt",
        ],
        "Payment": [
            "id", "rescueId", "riderId", "driverId", "amount", "driverPayout", "platformFee", "status",
            "stripePaymentIntentId", "stripeChargeId", "paymentMethodId", "breakdown", "failureReason", "processedAt",
            "refundedAt", "refundAmount", "createdAt", "updatedAt",
        ],
        "Payout": [
            "id", "driverId", "amount", "status", "stripePayoutId", "stripeTransferId", "rescueIds", "periodStart",
            "periodEnd", "failureReason", "processedAt", "createdAt", "updatedAt",
        ],
        "Rating": [
            "id", "rescueId", "fromUserId", "toUserId", "type", "rating", "comment", "tags", "isAnonymous", "createdAt",
        ],
        "PaymentMethod": [
            "id", "riderId", "stripePaymentMethodId", "type", "card", "isDefault", "createdAt", "updatedAt",
        ],
        "APIKey": [
            "id", "userId", "name", "permissions", "isActive", "requestCount", "lastUsedAt", "expiresAt", "createdAt",
            "updatedAt",
        ],
        "Notification": [
            "id", "userId", "type", "channel", "title", "body", "data", "read", "readAt", "sentAt", "createdAt",
        ],
        "AuditLog": ["id", "userId", "action", "entity", "entityId", "changes", "ipAddress", "userAgent", "createdAt"],
        "DriverStats": [
            "id", "driverId", "totalRescues", "completedRescues", "cancelledRescues", "totalEarnings", "totalDistance",
            "totalTime", "averageRating", "acceptanceRate", "completionRate", "performanceMetrics", "lastUpdated",
        ],
        "DriverAvailabilityLog": ["id", "driverId", "wasOnline", "isOnline", "timestamp", "reason"],
        "RescueStatusHistory": ["id", "rescueId", "fromStatus", "toStatus", "changedBy", "reason", "timestamp"],
        "TwilioEventLog": [
            "id", "messageSid", "type", "to", "from", "body", "status", "errorCode", "errorMessage", "rawEvent",
            "createdAt",
        ],
    ]

    /// The data model's enums with their stored values, by the GraphQL enum that
    /// serves them (the stored value upper-cased).
    static let seedEnums: [String: [String]] = [
        // The seed's four roles and ours: partner integrations (README, "Rows").
        "UserRole": ["rider", "driver", "admin", "support", "partner"],
        "DriverStatus": ["pending", "approved", "suspended", "rejected"],
        "VehicleType": ["pickup_truck", "cargo_van", "flatbed", "box_truck"],
        "RescueStatus": [
            "requested", "matched", "accepted", "en_route", "arrived", "in_progress", "completed", "cancelled",
        ],
        "RescueType": ["flat_tire", "dead_battery", "out_of_charge", "breakdown", "transport", "other"],
        "RescuePriority": ["low", "normal", "high", "urgent"],
        "AssignmentStatus": [
            "assigned", "accepted", "rejected", "en_route", "arrived", "in_progress", "completed", "cancelled",
        ],
        "PaymentStatus": ["pending", "processing", "succeeded", "failed", "refunded"],
        "PayoutStatus": ["pending", "processing", "paid", "failed"],
        "RatingType": ["rider_to_driver", "driver_to_rider"],
        "PaymentMethodType": ["card", "bank_account"],
        "NotificationType": ["rescue", "payment", "system", "marketing"],
        "NotificationChannel": ["sms", "push", "email", "in_app"],
        "TwilioEventType": ["sms", "voice", "verify"],
        "TwilioMessageStatus": ["queued", "sending", "sent", "failed", "delivered"],
    ]

    /// Stored enum fields and the GraphQL enum each is served as.
    static let enumFields: [String: String] = [
        "User.role": "UserRole", "DriverProfile.status": "DriverStatus", "Vehicle.type": "VehicleType",
        "RescueRequest.status": "RescueStatus", "RescueRequest.type": "RescueType",
        "RescueRequest.priority": "RescuePriority", "RescueAssignment.status": "AssignmentStatus",
        "Payment.status": "PaymentStatus", "Payout.status": "PayoutStatus", "Rating.type": "RatingType",
        "PaymentMethod.type": "PaymentMethodType", "Notification.type": "NotificationType",
        "Notification.channel": "NotificationChannel", "TwilioEventLog.type": "TwilioEventType",
        "TwilioEventLog.status": "TwilioMessageStatus", "RescueStatusHistory.fromStatus": "RescueStatus",
        "RescueStatusHistory.toStatus": "RescueStatus",
    ]

    /// The relationships the apps walk, as `Type.field` → the
    /// entity it reaches.
    static let relationships: [String: String] = [
        "RescueRequest.rider": "RiderProfile", "RescueRequest.assignment": "RescueAssignment",
        "RescueRequest.payment": "Payment", "RescueRequest.ratings": "Rating",
        "RescueRequest.statusHistory": "RescueStatusHistory", "RescueAssignment.driver": "DriverProfile",
        "DriverProfile.vehicles": "Vehicle", "DriverProfile.stats": "DriverStats",
        "DriverProfile.assignments": "RescueAssignmentConnection", "DriverProfile.payouts": "PayoutConnection",
        "DriverProfile.availabilityLog": "DriverAvailabilityLogConnection",
        "RiderProfile.rescues": "RescueRequestConnection", "RiderProfile.paymentMethods": "PaymentMethod",
        "User.riderProfile": "RiderProfile", "User.driverProfile": "DriverProfile", "User.apiKeys": "APIKey",
        "User.notifications": "NotificationConnection", "Rating.fromUser": "User", "Rating.toUser": "User",
        "Payout.rescues": "RescueRequest", "Vehicle.driver": "DriverProfile", "Payment.rescue": "RescueRequest",
    ]

    /// References whose target is not one collection (`AuditLog.entity` names it).
    static let polymorphicReferences: Set<String> = ["AuditLog.entityId"]

    static func object(_ name: String, in schema: GraphQLSchema) -> ObjectType? {
        if case .object(let object)? = schema.type(named: name) { return object }
        return nil
    }

    @Test("Every stored field a client may read is a field under its stored name")
    func storedFieldsAreServed() throws {
        let schema = try SchemaFileTests.buildFileSchema()
        var missing: [String] = []
        for (typeName, fields) in Self.storedFields {
            let object = Self.object(typeName, in: schema)
            for field in fields where object?.field(named: field) == nil { missing.append("\(typeName).\(field)") }
        }
        #expect(Set(Self.storedFields.keys) == SchemaFileTests.entityTypeNames)
        #expect(missing.isEmpty, "Missing: \(missing.sorted())")
    }

    @Test("Every seed enum is served with each stored value upper-cased")
    func seedEnumsAreServed() throws {
        let schema = try SchemaFileTests.buildFileSchema()
        for (name, stored) in Self.seedEnums {
            guard case .enumType(let enumType)? = schema.type(named: name) else {
                Issue.record("No enum \(name)")
                continue
            }
            #expect(enumType.values.map(\.name) == stored.map { $0.uppercased() }, "\(name)")
        }
        for (path, enumName) in Self.enumFields {
            let parts = path.split(separator: ".").map(String.init)
            let field = Self.object(parts[0], in: schema)?.field(named: parts[1])
            #expect(field?.type.namedTypeName == enumName, "\(path) should be \(enumName)")
        }
    }

    @Test(
        "Free-form JSON appears only on AuditLog.changes, Notification.data, TwilioEventLog.rawEvent and the GDPR export"
    )
    func jsonOnlyWhereFreeForm() throws {
        let schema = try SchemaFileTests.buildFileSchema()
        var uses: Set<String> = []
        for type in SchemaFileTests.ownTypes(of: schema) {
            for field in type.fields ?? [] where field.type.namedTypeName == "JSON" {
                uses.insert("\(type.name).\(field.name)")
            }
            if case .inputObject(let input) = type {
                for field in input.fields where field.type.namedTypeName == "JSON" {
                    uses.insert("\(type.name).\(field.name)")
                }
            }
        }
        #expect(uses == ["AuditLog.changes", "Notification.data", "TwilioEventLog.rawEvent", "Query.exportUserData"])
    }

    @Test("Every stored reference has a field that resolves the document it points to")
    func referencesResolve() throws {
        let schema = try SchemaFileTests.buildFileSchema()
        var unresolved: [String] = []
        for name in SchemaFileTests.entityTypeNames {
            guard let object = Self.object(name, in: schema) else { continue }
            for field in object.fields where field.type.namedTypeName == "ObjectID" && field.name != "id" {
                let path = "\(name).\(field.name)"
                if Self.polymorphicReferences.contains(path) { continue }
                let candidates =
                    field.name.hasSuffix("Ids")
                    ? [String(field.name.dropLast(3)) + "s"]
                    : field.name.hasSuffix("Id") ? [String(field.name.dropLast(2))] : [field.name + "User"]
                let resolved = candidates.contains { candidate in
                    guard let target = object.field(named: candidate) else { return false }
                    return SchemaFileTests.entityTypeNames.contains(target.type.namedTypeName)
                }
                if !resolved { unresolved.append(path) }
            }
        }
        #expect(unresolved.isEmpty, "No field resolves: \(unresolved.sorted())")
    }

    @Test("The relationships the apps walk are there")
    func relationshipsExist() throws {
        let schema = try SchemaFileTests.buildFileSchema()
        for (path, target) in Self.relationships {
            let parts = path.split(separator: ".").map(String.init)
            let field = Self.object(parts[0], in: schema)?.field(named: parts[1])
            #expect(field?.type.namedTypeName == target, "\(path) should reach \(target)")
        }
    }

    @Test("Money fields are Int and say they are in cents")
    func moneyIsIntegerCents() throws {
        let schema = try SchemaFileTests.buildFileSchema()
        let money = [
            "RescueRequest.estimatedPrice", "RescueRequest.finalPrice", "Payment.amount", "Payment.driverPayout",
            "Payment.platformFee", "Payment.refundAmount", "Payout.amount", "DriverProfile.totalEarnings",
            "DriverStats.totalEarnings", "PaymentBreakdown.basePrice", "PaymentBreakdown.distanceFee",
            "PaymentBreakdown.timeFee", "PaymentBreakdown.surgeFee", "PaymentBreakdown.discount",
            "PaymentBreakdown.tax",
        ]
        for path in money {
            let parts = path.split(separator: ".").map(String.init)
            let field = Self.object(parts[0], in: schema)?.field(named: parts[1])
            #expect(field?.type.namedTypeName == "Int", "\(path) should be Int")
            #expect(field?.description?.contains("in cents") == true, "\(path) should say it is in cents")
        }
    }
}
