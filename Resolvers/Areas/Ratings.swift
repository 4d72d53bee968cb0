import DataModel
import GraphQLEngine
import MongoStore

/// Ratings: their rescue and the two users; ratings received or given.
enum RatingResolvers {
    static let map: ResolverMap = [
        "Rating": [
            "rescue": .sync { try $0.byID(.rescueRequests, from: "rescueId") },
            "fromUser": .sync { try $0.byID(.users, from: "fromUserId") },
            "toUser": .sync { try $0.byID(.users, from: "toUserId") },
        ],
        "Query": [
            "rating": .sync { try $0.lookup(.ratings) },
            "ratings": .sync { field in
                let user = try field.objectIDArgument("userId")
                let given = field.arguments["direction", as: String.self] == "GIVEN"
                return try ratings(of: user, direction: given ? "fromUserId" : "toUserId", field)
            },
        ],
    ]

    /// Ratings whose `direction` field (`toUserId` or `fromUserId`) is `user`,
    /// newest first, on that field's `{…, createdAt: -1}` index.
    static func ratings(of user: ObjectID?, direction: String, _ field: FieldContext) throws -> ResolvedValue {
        guard let user else { return .null }
        var filter: BSONDocument = [direction: .objectID(user)]
        field.enumCondition("type", into: &filter)
        return try ConnectionQuery(.ratings, filter: filter).page(field)
    }
}
