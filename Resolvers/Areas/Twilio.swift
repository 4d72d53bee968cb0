import DataModel
import GraphQLEngine
import MongoStore

/// Twilio delivery reports.
enum TwilioResolvers {
    static let map: ResolverMap = [
        "Query": [
            "twilioEventLog": .sync { try $0.lookup(.twilioEventLogs) },
            "twilioEventLogs": .sync { field in
                var filter = BSONDocument()
                field.enumCondition("type", into: &filter)
                field.enumListCondition("status", into: &filter)
                try field.rangeCondition("createdAt", into: &filter)
                return try ConnectionQuery(.twilioEventLogs, filter: filter).page(field)
            },
        ]
    ]
}
