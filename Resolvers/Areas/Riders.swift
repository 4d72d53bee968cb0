import DataModel
import GraphQLEngine
import MongoStore

/// Rider profiles: their rescues, saved payment methods and payments.
enum RiderResolvers {
    static let map: ResolverMap = [
        "RiderProfile": [
            "user": .sync { try $0.byID(.users, from: "userId") },
            "rescues": .sync { field in
                guard let rider = try field.document().objectID("_id") else { return .null }
                var query = RescueResolvers.history(ofRider: rider)
                var filter = query.filter
                field.enumListCondition("status", into: &filter)
                query = ConnectionQuery(.rescueRequests, filter: filter, sortField: "createdAt")
                return try query.page(field)
            },
            "paymentMethods": .sync {
                try $0.many(.paymentMethods, where: "riderId", sort: ["createdAt": -1, "_id": -1])
            },
            "payments": .sync { field in
                guard let rider = try field.document().objectID("_id") else { return .null }
                return try PaymentResolvers.payments(["riderId": .objectID(rider)], field)
            },
        ],
        "PaymentMethod": ["rider": .sync { try $0.byID(.riderProfiles, from: "riderId") }],
        "Query": [
            "riderProfile": .sync { try $0.lookup(.riderProfiles) },
            "paymentMethod": .sync { try $0.lookup(.paymentMethods) },
        ],
    ]
}
