import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

/// Row rules are part of every read's filter: connections and their
/// `totalCount`, by-id lookups, loaders, and the mutations' targets.
@Suite(.serialized) struct RowRuleTests {
    static func count(_ database: MongoDatabase, _ collection: String, _ filter: BSONDocument) async throws -> Int {
        try await database.collection(collection).countDocuments(filter)
    }

    @Test func aRiderSeesOnlyItsOwnRescuesPaymentsMethodsAndNotificationsInPagesAndCounts() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            let rider = try await Callers.principal(user: people.riderUser, in: fixture.database)
            let own = people.riderProfile
            let ownRescues = try await Self.count(fixture.database, "rescuerequests", ["riderId": .objectID(own)])
            let ownPayments = try await Self.count(fixture.database, "payments", ["riderId": .objectID(own)])
            #expect(ownRescues > 0)
            let query = """
                {
                  rescueRequests(first: 100) { totalCount edges { node { id rider { id } assignment { driver { id } } payment { id } } } }
                  first: rescueRequests(first: 1) { pageInfo { hasNextPage } }
                  payments(first: 100) { totalCount edges { node { rider { id } } } }
                  driverProfiles(first: 100) { totalCount }
                  users { totalCount }
                  auditLogs { totalCount }
                }
                """
            let response = await fixture.run(query, principal: rider)
            #expect(
                response.errors.map(\.message) == ["Not allowed: this field needs the permission 'auditlogs:read'."])
            #expect(response.data?["rescueRequests", "totalCount"] == .int(ownRescues))
            let rescues = response.data?["rescueRequests", "edges"]?.listValue ?? []
            #expect(rescues.count == ownRescues)
            #expect(rescues.allSatisfy { $0["node", "rider", "id"] == .string(own.hex) })
            #expect(response.data?["first", "pageInfo", "hasNextPage"] == .bool(ownRescues > 1))
            #expect(response.data?["payments", "totalCount"] == .int(ownPayments))
            // Riders see the driver of their live rescue (others only through nearbyDrivers),
            // and only their own account.
            let liveDrivers = try await fixture.collection(.rescueAssignments).distinct(
                "driverId",
                filter: [
                    "riderId": .objectID(own),
                    "status": ["$in": ["assigned", "accepted", "en_route", "arrived", "in_progress"]],
                ])
            #expect(response.data?["driverProfiles", "totalCount"] == .int(liveDrivers.count))
            #expect(response.data?["users", "totalCount"] == .int(1))

            // Someone else's rows: lookups are null, lists empty, filters cannot widen.
            let other = try #require(
                try await fixture.collection(.rescueRequests).findOne(["riderId": ["$ne": .objectID(own)]]))
            guard case .objectID(let otherRescue)? = other["_id"], case .objectID(let otherRider)? = other["riderId"]
            else {
                throw CancellationError()
            }
            let foreign = await fixture.run(
                """
                query($rescue: ObjectID!, $rider: ObjectID!) {
                  rescueRequest(id: $rescue) { id }
                  rescueHistory(riderId: $rider) { totalCount }
                  payments(riderId: $rider) { totalCount }
                  notifications(userId: "\(people.driverUser.hex)") { totalCount }
                }
                """, ["rescue": .string(otherRescue.hex), "rider": .string(otherRider.hex)], principal: rider)
            #expect(foreign.errors.map(\.message) == [])
            #expect(foreign.data?["rescueRequest"] == .null)
            #expect(foreign.data?["rescueHistory", "totalCount"] == .int(0))
            #expect(foreign.data?["payments", "totalCount"] == .int(0))
            #expect(foreign.data?["notifications", "totalCount"] == .int(0))
        }
    }

    @Test func aDriverSeesOnlyItsAssignmentsPayoutsAndTheRescuesAssignedToIt() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            let driver = try await Callers.principal(user: people.driverUser, in: fixture.database)
            let own = people.driverProfile
            let assigned = try await Self.count(fixture.database, "rescueassignments", ["driverId": .objectID(own)])
            let payouts = try await Self.count(fixture.database, "payouts", ["driverId": .objectID(own)])
            let response = await fixture.run(
                """
                query($own: ObjectID!, $other: ObjectID!) {
                  rescueRequests(first: 100) { totalCount edges { node { assignment { driver { id } } } } }
                  mine: payouts(driverId: $own) { totalCount }
                  theirs: payouts(driverId: $other) { totalCount }
                  driverProfiles { totalCount }
                  activeRescue(driverId: $other) { id }
                  otherDriver: driverProfile(id: $other) { id }
                  me { driverProfile { assignments(first: 100) { totalCount edges { node { rescue { id } } } } } }
                }
                """, ["own": .string(own.hex), "other": .string(people.otherDriverProfile.hex)], principal: driver)
            #expect(response.errors.map(\.message) == [])
            #expect(response.data?["rescueRequests", "totalCount"] == .int(assigned))
            let rescues = response.data?["rescueRequests", "edges"]?.listValue ?? []
            #expect(rescues.allSatisfy { $0["node", "assignment", "driver", "id"] == .string(own.hex) })
            #expect(response.data?["mine", "totalCount"] == .int(payouts))
            #expect(response.data?["theirs", "totalCount"] == .int(0))
            #expect(response.data?["driverProfiles", "totalCount"] == .int(1))
            #expect(response.data?["activeRescue"] == .null)
            #expect(response.data?["otherDriver"] == .null)
            #expect(response.data?["me", "driverProfile", "assignments", "totalCount"] == .int(assigned))
            let viaLoader = response.data?["me", "driverProfile", "assignments", "edges"]?.listValue ?? []
            #expect(viaLoader.allSatisfy { $0["node", "rescue", "id"]?.stringValue != nil })
        }
    }

    @Test func supportAndAdminSeeEveryRow() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            let total = try await Self.count(fixture.database, "rescuerequests", [:])
            for user in [people.supportUser, people.adminUser] {
                let principal = try await Callers.principal(user: user, in: fixture.database)
                let response = await fixture.run(
                    "{ rescueRequests { totalCount } driverProfiles { totalCount } }", principal: principal)
                #expect(response.data?["rescueRequests", "totalCount"] == .int(total))
                #expect(response.data?["driverProfiles", "totalCount"] == .int(SeededDatabase.options.drivers))
            }
        }
    }

    @Test func aRiderCannotMoveOrMarkWhatIsNotItsOwn() async throws {
        try await SeededDatabase.with { fixture in
            let people = try await SeededPeople.find(in: fixture.database)
            let rider = try await Callers.principal(user: people.riderUser, in: fixture.database)
            let other = try #require(
                try await fixture.collection(.rescueRequests).findOne([
                    "riderId": ["$ne": .objectID(people.riderProfile)], "status": "requested",
                ]))
            guard case .objectID(let id)? = other["_id"] else { throw CancellationError() }
            let moved = await fixture.run(
                "mutation($id: ObjectID!) { transitionRescue(id: $id, from: REQUESTED, to: CANCELLED) { id } }",
                ["id": .string(id.hex)], principal: rider)
            #expect(moved.errors.map(\.message) == [])
            #expect(moved.data?["transitionRescue"] == .null)
            let stored = try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(id)])
            #expect(stored?["status"] == .string("requested"))

            let notification = try #require(
                try await fixture.collection(.notifications).findOne([
                    "userId": ["$ne": .objectID(people.riderUser)], "read": false,
                ]))
            guard case .objectID(let notificationId)? = notification["_id"] else { throw CancellationError() }
            let marked = await fixture.run(
                "mutation($id: ObjectID!) { markNotificationRead(id: $id) { id } }",
                ["id": .string(notificationId.hex)],
                principal: rider)
            #expect(marked.data?["markNotificationRead"] == .null)
            let after = try await fixture.collection(.notifications).findOne(["_id": .objectID(notificationId)])
            #expect(after?["read"] == .bool(false))
        }
    }
}
