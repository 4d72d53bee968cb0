import DataModel
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

/// Every role against every collection's row rule, through each collection's
/// by-id lookup. The expected rows come from the README's "Rows" table,
/// restated here as direct database reads that follow the relations (an
/// oracle independent of `RowRules` and of the owner fields it filters on, so
/// it also checks that those fields agree with the relations); a type the
/// role may not read at all is `FORBIDDEN` instead.
@Suite(.serialized) struct RowVisibilityMatrixTests {
    /// Root lookup field and the permission its type needs, by collection (from `Schema.graphql`).
    static let lookups: [(collection: Collections, field: String, permission: Permission)] = [
        (.users, "user", .usersRead), (.riderProfiles, "riderProfile", .ridersRead),
        (.driverProfiles, "driverProfile", .driversRead), (.vehicles, "vehicle", .driversRead),
        (.rescueRequests, "rescueRequest", .rescuesRead), (.rescueAssignments, "rescueAssignment", .rescuesRead),
        (.payments, "payment", .paymentsRead), (.payouts, "payout", .payoutsRead), (.ratings, "rating", .ratingsRead),
        (.paymentMethods, "paymentMethod", .paymentsRead), (.apiKeys, "apiKey", .apiKeysManage),
        (.notifications, "notification", .notificationsRead), (.auditLogs, "auditLog", .auditLogsRead),
        (.driverStats, "driverStats", .driversRead), (.driverAvailabilityLogs, "driverAvailabilityLog", .driversRead),
        (.rescueStatusHistories, "rescueStatusHistory", .rescuesRead),
        (.twilioEventLogs, "twilioEventLog", .twilioRead),
    ]

    /// The rows of `collection` `user` (of `role`) should see, as a filter.
    static func oracle(
        _ collection: Collections, role: Role, user: ObjectID, in database: MongoDatabase
    ) async throws -> BSONDocument? {
        func ids(_ collection: String, _ field: String, _ filter: BSONDocument) async throws -> BSONValue {
            .array(try await database.collection(collection).distinct(field, filter: filter))
        }
        func profile(_ collection: String) async throws -> BSONValue {
            try await database.collection(collection).findOne(["userId": .objectID(user)])?["_id"] ?? .null
        }
        /// Assignments in `statuses`, or completed within the hour.
        func live(_ statuses: [String]) -> BSONDocument {
            let hourAgo = BSONDate(millisecondsSinceEpoch: BSONDate.now().millisecondsSinceEpoch - 3_600_000)
            return [
                "$or": [
                    ["status": ["$in": .array(statuses.map(BSONValue.string))]],
                    ["status": "completed", "completedAt": ["$gte": .date(hourAgo)]],
                ]
            ]
        }
        let everyone: BSONDocument = [:]
        let nobody: BSONDocument? = nil
        let ownOrRated: BSONDocument = ["$or": [["fromUserId": .objectID(user)], ["toUserId": .objectID(user)]]]
        switch role {
        case .support, .admin:
            return everyone
        case .partner:
            // What it stamped with its tenant field: the riders it registered, the rescues it requested.
            switch collection {
            case .users, .riderProfiles, .rescueRequests: return ["partnerId": .objectID(user)]
            default: return nobody
            }
        case .rider:
            let rider = try await profile("riderprofiles")
            let rescues = try await ids("rescuerequests", "_id", ["riderId": rider])
            // The drivers of its live rescues (offered, active, or completed within the hour).
            let ofRescues: BSONDocument = ["rescueId": ["$in": rescues]]
            let drivers = try await ids(
                "rescueassignments", "driverId",
                ofRescues.and(live(["assigned", "accepted", "en_route", "arrived", "in_progress"])))
            switch collection {
            case .users: return ["_id": .objectID(user)]
            case .riderProfiles: return ["_id": rider]
            case .driverProfiles: return ["_id": ["$in": drivers]]
            case .vehicles, .driverStats: return ["driverId": ["$in": drivers]]
            case .rescueRequests: return ["riderId": rider]
            case .rescueAssignments, .rescueStatusHistories: return ["rescueId": ["$in": rescues]]
            case .payments, .paymentMethods: return ["riderId": rider]
            case .ratings: return ownOrRated
            case .notifications, .apiKeys: return ["userId": .objectID(user)]
            default: return nobody
            }
        case .driver:
            let driver = try await profile("driverprofiles")
            // The rescues it holds: assigned to it, not declined.
            let rescues = try await ids(
                "rescueassignments", "rescueId", ["driverId": driver, "status": ["$ne": "rejected"]])
            // The riders of its live jobs (active, or completed within the hour).
            let ofDriver: BSONDocument = ["driverId": driver]
            let liveRescues = try await ids(
                "rescueassignments", "rescueId", ofDriver.and(live(["accepted", "en_route", "arrived", "in_progress"])))
            let riders = try await ids("rescuerequests", "riderId", ["_id": ["$in": liveRescues]])
            switch collection {
            case .users: return ["_id": .objectID(user)]
            case .riderProfiles: return ["_id": ["$in": riders]]
            case .driverProfiles: return ["_id": driver]
            case .vehicles, .driverStats, .driverAvailabilityLogs, .rescueAssignments, .payments, .payouts:
                return ["driverId": driver]
            case .rescueRequests: return ["_id": ["$in": rescues]]
            case .rescueStatusHistories: return ["rescueId": ["$in": rescues]]
            case .ratings: return ownOrRated
            case .notifications, .apiKeys: return ["userId": .objectID(user)]
            default: return nobody
            }
        }
    }

    @Test func everyRoleSeesExactlyItsRowsOfEveryCollection() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            for role in Role.allCases {
                let user = people.user(of: role)
                let principal = try await Callers.principal(user: user, in: fixture.database)
                guard case .caller(let caller) = principal else { throw CancellationError() }
                for lookup in Self.lookups {
                    let handle = fixture.collection(lookup.collection)
                    let visibleFilter = try await Self.oracle(
                        lookup.collection, role: role, user: user, in: fixture.database)
                    // Up to 15 rows the caller should see and 15 others (or the first 30).
                    var sample = try await handle.find([:], options: FindOptions(sort: ["_id": 1], limit: 15))
                    if let visibleFilter {
                        sample += try await handle.find(
                            visibleFilter, options: FindOptions(sort: ["_id": -1], limit: 15))
                    }
                    let ids = Array(
                        Set(
                            sample.compactMap { doc -> ObjectID? in
                                if case .objectID(let id)? = doc["_id"] { id } else { nil }
                            })
                    ).sorted()
                    let visible: Set<ObjectID> = try await {
                        guard let visibleFilter else { return [] }
                        let rows = try await handle.find(
                            ["$and": [.document(visibleFilter), ["_id": ["$in": .array(ids.map(BSONValue.objectID))]]]])
                        return Set(rows.compactMap { if case .objectID(let id)? = $0["_id"] { id } else { nil } })
                    }()
                    let query =
                        "{ "
                        + ids.enumerated().map { "r\($0.offset): \(lookup.field)(id: \"\($0.element.hex)\") { id }" }
                        .joined(separator: " ") + " }"
                    let response = await fixture.run(query, principal: principal)
                    let mayReadType = caller.key.permissions.contains(lookup.permission)
                    for (offset, id) in ids.enumerated() {
                        let got = Outcome.of(response, ["r\(offset)", "id"])
                        let wanted: Outcome = !mayReadType ? .blocked : visible.contains(id) ? .readable : .invisible
                        #expect(got == wanted, "\(role) \(lookup.collection) \(id.hex)")
                    }
                    if role == .rider || role == .driver, mayReadType, visibleFilter != nil,
                        lookup.collection != .driverProfiles
                    {
                        // The sample holds rows of both kinds where the data has them.
                        #expect(
                            visible.count < ids.count || ids.count < 15, "\(role) \(lookup.collection): others sampled")
                    }
                }
            }
        }
    }
}
