import DataModel
import Enforcement
import GraphQLEngine
import MongoStore

/// Notifications of a user.
enum NotificationResolvers {
    static let map: ResolverMap = [
        "Notification": ["user": .sync { try $0.byID(.users, from: "userId") }],
        "Query": [
            "notification": .sync { try $0.lookup(.notifications) },
            "notifications": .sync { field in
                var filter: BSONDocument = ["userId": .objectID(try field.objectIDArgument("userId"))]
                if field.arguments["unreadOnly", as: Bool.self] == true { filter["read"] = false }
                field.enumCondition("type", into: &filter)
                return try ConnectionQuery(.notifications, filter: filter).page(field)
            },
        ],
        "Mutation": [
            // Sets `read` and `readAt` once: a notification already read keeps its first `readAt`.
            "markNotificationRead": .sync { field in
                let id = try field.objectIDArgument("id")
                let context = try field.accessContext()
                let collection = context.collection(.notifications)
                // Only a notification the caller may see is changed or returned.
                let own = context.restrict(["_id": .objectID(id)], in: .notifications)
                return .async {
                    // An update and a read, not `findAndModify` (a collection scan on the embedded database).
                    _ = try await collection.updateOne(
                        own.and(["read": ["$ne": true]]),
                        ["$set": ["read": true, "readAt": .date(BSONDate.now())]])
                    return try await collection.findOne(own).map { .object(DocumentSource($0)) } ?? .null
                }
            }
        ],
    ]
}
