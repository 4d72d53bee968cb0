import DataModel
import GraphQLEngine
import MongoStore

/// The audit log.
enum AuditLogResolvers {
    static let map: ResolverMap = [
        "AuditLog": ["user": .sync { try $0.byID(.users, from: "userId") }],
        "Query": [
            "auditLog": .sync { try $0.lookup(.auditLogs) },
            "auditLogs": .sync { field in
                var filter = BSONDocument()
                try field.idCondition("userId", into: &filter)
                if let entity = field.arguments["entity", as: String.self] { filter["entity"] = .string(entity) }
                try field.idCondition("entityId", into: &filter)
                if let action = field.arguments["action", as: String.self] { filter["action"] = .string(action) }
                try field.rangeCondition("createdAt", into: &filter)
                return try ConnectionQuery(.auditLogs, filter: filter).page(field)
            },
        ],
    ]
}
