public import DataModel
public import MongoStore

/// Where a user's data lives: the user's own account, its profiles, and in
/// every other collection the filter that finds what is stored about it (by
/// the owner fields of `docs/DATA-MODEL.md`). The export reads these and the
/// erasure anonymises them, so the two cover the same documents.
public struct UserRecords: Sendable {
    public let userId: ObjectID
    public let account: BSONDocument
    public let riderProfileId: ObjectID?
    public let driverProfileId: ObjectID?

    /// The account and its profiles' ids; nil when no user has `userId`.
    public static func find(_ userId: ObjectID, in database: MongoDatabase, session: MongoSession? = nil)
        async throws(MongoError) -> UserRecords?
    {
        guard let account = try await database.collection(.users).findOne(["_id": .objectID(userId)], session: session)
        else { return nil }
        func profile(_ collection: Collections) async throws(MongoError) -> ObjectID? {
            let found = try await database.collection(collection).findOne(
                ["userId": .objectID(userId)], options: FindOptions(projection: ["_id": 1]), session: session)
            if case .objectID(let id)? = found?["_id"] { return id }
            return nil
        }
        return UserRecords(
            userId: userId, account: account, riderProfileId: try await profile(.riderProfiles),
            driverProfileId: try await profile(.driverProfiles))
    }

    /// The filter finding what `collection` stores about the user; nil when
    /// it stores nothing about it (the user is neither rider nor driver there).
    public func filter(for collection: Collections) -> BSONDocument? {
        let user = BSONValue.objectID(userId)
        let rider = riderProfileId.map(BSONValue.objectID)
        let driver = driverProfileId.map(BSONValue.objectID)
        func either(_ riderField: String, _ driverField: String) -> BSONDocument? {
            let parts: [BSONDocument] = [
                rider.map { BSONDocument([.init(key: riderField, value: $0)]) },
                driver.map { BSONDocument([.init(key: driverField, value: $0)]) },
            ].compactMap { $0 }
            if parts.isEmpty { return nil }
            return parts.count == 1 ? parts[0] : ["$or": .array(parts.map(BSONValue.document))]
        }
        switch collection {
        case .users: return ["_id": user]
        case .riderProfiles, .driverProfiles, .apiKeys, .notifications: return ["userId": user]
        case .auditLogs: return ["userId": user]
        case .ratings: return ["$or": [["fromUserId": user], ["toUserId": user]]]
        case .vehicles, .payouts, .driverStats, .driverAvailabilityLogs: return driver.map { ["driverId": $0] }
        case .paymentMethods: return rider.map { ["riderId": $0] }
        case .rescueRequests, .rescueAssignments, .rescueStatusHistories, .payments:
            return either("riderId", "driverId")
        case .twilioEventLogs:
            // Messages to or from the user's phone number: found by the number
            // itself (the log stores it in clear), see `phoneNumbers`.
            return nil
        }
    }
}
