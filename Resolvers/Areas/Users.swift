import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// User accounts: their profiles, API keys, notifications, ratings and audit trail.
enum UserResolvers {
    static let map: ResolverMap = [
        "User": [
            "riderProfile": .sync { try $0.one(.riderProfiles, where: "userId") },
            "driverProfile": .sync { try $0.one(.driverProfiles, where: "userId") },
            // The profile of the user's role: a driver's driver profile, anyone else's rider profile.
            "profile": .sync { field in
                let role = try field.document().stored("role")
                return role == .string("driver")
                    ? try field.one(.driverProfiles, where: "userId")
                    : try field.one(.riderProfiles, where: "userId")
            },
            "apiKeys": .sync { field in
                let activeOnly = field.arguments["activeOnly", as: Bool.self] ?? false
                return try field.many(
                    .apiKeys, where: "userId", sort: ["createdAt": -1, "_id": -1],
                    filter: activeOnly ? ["isActive": true] : [:])
            },
            "notifications": .sync { field in
                guard let user = try field.document().objectID("_id") else { return .null }
                var filter: BSONDocument = ["userId": .objectID(user)]
                if field.arguments["unreadOnly", as: Bool.self] == true { filter["read"] = false }
                return try ConnectionQuery(.notifications, filter: filter).page(field)
            },
            "ratingsReceived": .sync {
                try RatingResolvers.ratings(of: try $0.document().objectID("_id"), direction: "toUserId", $0)
            },
            "ratingsGiven": .sync {
                try RatingResolvers.ratings(of: try $0.document().objectID("_id"), direction: "fromUserId", $0)
            },
            "auditLogs": .sync { field in
                guard let user = try field.document().objectID("_id") else { return .null }
                return try ConnectionQuery(.auditLogs, filter: ["userId": .objectID(user)]).page(field)
            },
        ],
        "Query": [
            "me": .sync { field in
                guard let id = try field.accessContext().principal.userID else { return .null }
                return field.load(ByIDLoader(try field.accessContext(), .users), key: id)
            },
            "user": .sync { try $0.lookup(.users) },
            "apiKey": .sync { try $0.lookup(.apiKeys) },
            "users": .sync { field in
                var filter = BSONDocument()
                field.enumCondition("role", into: &filter)
                return try ConnectionQuery(.users, filter: filter).page(field)
            },
        ],
        "APIKey": ["user": .sync { try $0.byID(.users, from: "userId") }],
    ]
}
