import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// Driver profiles: vehicles, statistics, assignments, payouts, payments,
/// availability; the nearby-driver search.
enum DriverResolvers {
    static let map: ResolverMap = [
        "DriverProfile": [
            "user": .sync { try $0.byID(.users, from: "userId") },
            "vehicles": .sync { field in
                let activeOnly = field.arguments["activeOnly", as: Bool.self] ?? false
                return try field.many(
                    .vehicles, where: "driverId", sort: ["createdAt": 1, "_id": 1],
                    filter: activeOnly ? ["isActive": true] : [:])
            },
            "stats": .sync { try $0.one(.driverStats, where: "driverId") },
            "assignments": .sync { field in
                guard let driver = try field.document().objectID("_id") else { return .null }
                var filter: BSONDocument = ["driverId": .objectID(driver)]
                field.enumListCondition("status", into: &filter)
                return try ConnectionQuery(.rescueAssignments, filter: filter).page(field)
            },
            // Batched: one find for every driver of the level, the latest active per driver.
            "activeAssignment": .sync { field in
                guard let driver = try field.document().objectID("_id") else { return .null }
                let loader = ManyByForeignKeyLoader(
                    try field.accessContext(), .rescueAssignments, field: "driverId",
                    sort: ["assignedAt": -1, "_id": -1],
                    filter: ["status": ["$in": .array(RescueResolvers.activeAssignmentStatuses)]])
                return field.load(loader, key: driver) { found in found?.first.map { .object($0) } ?? .null }
            },
            "payouts": .sync { field in
                guard let driver = try field.document().objectID("_id") else { return .null }
                return try PayoutResolvers.payouts(ofDriver: driver, field)
            },
            "payments": .sync { field in
                guard let driver = try field.document().objectID("_id") else { return .null }
                return try PaymentResolvers.payments(["driverId": .objectID(driver)], field)
            },
            "availabilityLog": .sync { field in
                guard let driver = try field.document().objectID("_id") else { return .null }
                var filter: BSONDocument = ["driverId": .objectID(driver)]
                try field.rangeCondition("timestamp", into: &filter)
                return try ConnectionQuery(.driverAvailabilityLogs, filter: filter, sortField: "timestamp").page(field)
            },
        ],
        "DriverStats": ["driver": .sync { try $0.byID(.driverProfiles, from: "driverId") }],
        "DriverAvailabilityLog": [
            "driver": .sync { try $0.byID(.driverProfiles, from: "driverId") }
        ],
        "Query": [
            "driverProfile": .sync { try $0.lookup(.driverProfiles) },
            "driverStats": .sync { try $0.lookup(.driverStats) },
            "driverAvailabilityLog": .sync { try $0.lookup(.driverAvailabilityLogs) },
            "driverProfiles": .sync { field in
                var filter = BSONDocument()
                field.enumCondition("status", into: &filter)
                return try ConnectionQuery(.driverProfiles, filter: filter).page(field)
            },
        ],
    ]
}
