import DataModel
import GraphQLEngine
import MongoStore

/// Payments: their rescue, rider and driver; the filtered payment lists.
enum PaymentResolvers {
    static let map: ResolverMap = [
        "Payment": [
            "rescue": .sync { try $0.byID(.rescueRequests, from: "rescueId") },
            "rider": .sync { try $0.byID(.riderProfiles, from: "riderId") },
            "driver": .sync { try $0.byID(.driverProfiles, from: "driverId") },
        ],
        "Query": [
            "payment": .sync { try $0.lookup(.payments) },
            "payments": .sync { field in
                var filter = BSONDocument()
                try field.idCondition("riderId", into: &filter)
                try field.idCondition("driverId", into: &filter)
                field.enumListCondition("status", into: &filter)
                try field.rangeCondition("createdAt", into: &filter)
                return try payments(filter, field)
            },
        ],
    ]

    /// Payments matching `filter`, newest first (the planner picks the
    /// catalogue index that leads with the filter's first key: `riderId`,
    /// `driverId` or `status`, each with `createdAt`).
    static func payments(_ filter: BSONDocument, _ field: FieldContext) throws -> ResolvedValue {
        try ConnectionQuery(.payments, filter: filter).page(field)
    }
}
