import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// Payouts: their driver and the rescues they cover.
enum PayoutResolvers {
    static let map: ResolverMap = [
        "Payout": [
            "driver": .sync { try $0.byID(.driverProfiles, from: "driverId") },
            "rescues": .sync { field in
                guard case .array(let ids)? = try field.document().stored("rescueIds") else { return .list([]) }
                let loader = ByIDLoader(try field.accessContext(), .rescueRequests)
                return field.loadMany(
                    loader, keys: ids.compactMap { if case .objectID(let id) = $0 { id } else { nil } })
            },
        ],
        "Query": [
            "payout": .sync { try $0.lookup(.payouts) },
            "payouts": .sync { field in try payouts(ofDriver: try field.objectIDArgument("driverId"), field) },
        ],
    ]

    /// A driver's payouts, latest period first, on `{driverId: 1, periodStart: 1}`.
    static func payouts(ofDriver driver: ObjectID, _ field: FieldContext) throws -> ResolvedValue {
        var filter: BSONDocument = ["driverId": .objectID(driver)]
        try field.rangeCondition("period", stored: "periodStart", into: &filter)
        field.enumListCondition("status", into: &filter)
        return try ConnectionQuery(.payouts, filter: filter, sortField: "periodStart").page(field)
    }
}
