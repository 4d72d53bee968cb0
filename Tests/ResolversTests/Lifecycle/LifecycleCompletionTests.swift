import DataModel
import Enforcement
import GraphQLEngine
import MongoStore
import Testing

@testable import Resolvers

extension SeededSuitesTwo {
    /// `transitionRescue` moving the assignment with the rescue, and what
    /// completing and cancelling write, all or nothing.
    @Suite struct LifecycleCompletionTests {
        typealias Lifecycle = LifecycleFixture

        /// A rescue taken to `IN_PROGRESS` by its driver; its id, the driver and the rider.
        static func inProgress(in fixture: Fixture) async throws -> (
            rescue: ObjectID, driver: (user: ObjectID, profile: ObjectID, principal: Principal),
            rider: (user: ObjectID, profile: ObjectID, principal: Principal)
        ) {
            let rider = try await Lifecycle.rider(in: fixture)
            let driver = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture)
            let rescue = try await Lifecycle.requested(at: Lifecycle.denver, by: rider.principal, in: fixture)
            let assignment = try await Lifecycle.assigned(rescue, to: driver.profile, in: fixture)
            let accepted = await fixture.run(
                Lifecycle.respond, ["id": .string(assignment.hex), "accept": true], principal: driver.principal)
            #expect(accepted.errors.map(\.message) == [])
            for (from, to) in [("ACCEPTED", "EN_ROUTE"), ("EN_ROUTE", "ARRIVED"), ("ARRIVED", "IN_PROGRESS")] {
                let moved = await fixture.run(
                    Lifecycle.move, ["id": .string(rescue.hex), "from": .string(from), "to": .string(to)],
                    principal: driver.principal)
                #expect(moved.errors.map(\.message) == [])
            }
            return (rescue, driver, rider)
        }

        @Test func completingChargesTheQuoteCountsTheJobAndFreesTheDriver() async throws {
            try await SeededDatabase.with { fixture in
                let (rescue, driver, rider) = try await Self.inProgress(in: fixture)
                let assignmentBefore = try await fixture.collection(.rescueAssignments).findOne([
                    "rescueId": .objectID(rescue)
                ])
                #expect(assignmentBefore?["status"] == "in_progress")
                #expect(assignmentBefore?["arrivedAt"]?.typeName == "date")
                let done = await fixture.run(
                    Lifecycle.move, ["id": .string(rescue.hex), "from": "IN_PROGRESS", "to": "COMPLETED"],
                    principal: driver.principal)
                #expect(done.errors.map(\.message) == [])
                let stored = try #require(
                    try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(rescue)]))
                let estimate = try #require(try stored["estimatedPrice", as: Int.self])
                #expect(try stored["finalPrice", as: Int.self] == estimate)
                #expect(done.data?["transitionRescue", "finalPrice"] == .int(estimate))
                let assignment = try await fixture.collection(.rescueAssignments).findOne([
                    "rescueId": .objectID(rescue)
                ])
                #expect(assignment?["status"] == "completed")
                #expect(assignment?["completedAt"]?.typeName == "date")

                let payment = try #require(
                    try await fixture.collection(.payments).findOne(["rescueId": .objectID(rescue)]))
                #expect(payment["status"] == "pending")
                #expect(payment["riderId"] == .objectID(rider.profile))
                #expect(payment["driverId"] == .objectID(driver.profile))
                let amount = try #require(try payment["amount", as: Int.self])
                #expect(amount == estimate)
                let fee = try #require(try payment["platformFee", as: Int.self])
                #expect(fee == (amount * 20 + 50) / 100)
                #expect(try payment["driverPayout", as: Int.self] == amount - fee)
                let breakdown = try #require(try payment["breakdown", as: BSONDocument.self])
                let lines = ["basePrice", "distanceFee", "timeFee", "surgeFee", "tax"].compactMap {
                    try? breakdown[$0, as: Int.self]
                }
                #expect(lines.reduce(0, +) == amount)

                let stats = try #require(
                    try await fixture.collection(.driverStats).findOne(["driverId": .objectID(driver.profile)]))
                #expect(try stats["completedRescues", as: Int.self] == 1)
                #expect(try stats["totalEarnings", as: Int.self] == amount - fee)
                #expect(try stats["acceptanceRate", as: Double.self] == 1)
                #expect(try stats["completionRate", as: Double.self] == 1)
                #expect((try stats["totalDistance", as: Double.self] ?? 0) > 1)
                let profile = try #require(
                    try await fixture.collection(.driverProfiles).findOne(["_id": .objectID(driver.profile)]))
                #expect(try profile["completedRescues", as: Int.self] == 1)
                #expect(try profile["totalEarnings", as: Int.self] == amount - fee)
                #expect(try profile["isAvailable", as: Bool.self] == true)

                let notices = try await fixture.collection(.notifications).find(
                    ["userId": .objectID(rider.user)], options: FindOptions(sort: ["createdAt": 1, "_id": 1]))
                let statuses = notices.compactMap { try? $0["data", as: BSONDocument.self]?["status", as: String.self] }
                #expect(statuses == ["matched", "accepted", "arrived", "completed"])
                let moves = try await fixture.collection(.auditLogs).countDocuments([
                    "action": "rescue.move", "entityId": .objectID(rescue),
                ])
                #expect(moves == 4)
            }
        }

        @Test func aFailurePartWayThroughACompletionLeavesNothingWritten() async throws {
            try await SeededDatabase.with { fixture in
                let (rescue, driver, _) = try await Self.inProgress(in: fixture)
                // A payment already there for the rescue: the completion's
                // payment insert, after the rescue and assignment updates and
                // the history entry, fails on the unique rescueId index.
                try await fixture.collection(.payments).insertOne([
                    "rescueId": .objectID(rescue), "amount": 1, "status": "failed", "createdAt": .date(.now()),
                ])
                let histories = try await fixture.collection(.rescueStatusHistories).countDocuments([
                    "rescueId": .objectID(rescue)
                ])
                let audits = try await fixture.collection(.auditLogs).countDocuments()
                let done = await fixture.run(
                    Lifecycle.move, ["id": .string(rescue.hex), "from": "IN_PROGRESS", "to": "COMPLETED"],
                    principal: driver.principal)
                #expect(!done.errors.isEmpty)
                let stored = try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(rescue)])
                #expect(stored?["status"] == "in_progress")
                #expect(stored?["completedAt"] == nil)
                #expect(stored?["finalPrice"] == nil)
                let assignment = try await fixture.collection(.rescueAssignments).findOne([
                    "rescueId": .objectID(rescue)
                ])
                #expect(assignment?["status"] == "in_progress")
                #expect(
                    try await fixture.collection(.rescueStatusHistories).countDocuments(["rescueId": .objectID(rescue)])
                        == histories)
                #expect(try await fixture.collection(.auditLogs).countDocuments() == audits)
                let profile = try await fixture.collection(.driverProfiles).findOne(["_id": .objectID(driver.profile)])
                #expect(try profile?["isAvailable", as: Bool.self] == false)
                #expect(try profile?["completedRescues", as: Int.self] == 0)
            }
        }

        @Test func cancellingAnAcceptedRescueCancelsItsAssignmentAndFreesTheDriver() async throws {
            try await SeededDatabase.with { fixture in
                let rider = try await Lifecycle.rider(in: fixture)
                let driver = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture)
                let rescue = try await Lifecycle.requested(at: Lifecycle.denver, by: rider.principal, in: fixture)
                let assignment = try await Lifecycle.assigned(rescue, to: driver.profile, in: fixture)
                _ = await fixture.run(
                    Lifecycle.respond, ["id": .string(assignment.hex), "accept": true], principal: driver.principal)
                let cancelled = await fixture.run(
                    Lifecycle.move,
                    ["id": .string(rescue.hex), "from": "ACCEPTED", "to": "CANCELLED", "reason": "Fixed it myself"],
                    principal: rider.principal)
                #expect(cancelled.errors.map(\.message) == [])
                let stored = try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(rescue)])
                #expect(stored?["cancelledBy"] == .objectID(rider.user))
                #expect(stored?["cancellationReason"] == "Fixed it myself")
                let moved = try await fixture.collection(.rescueAssignments).findOne(["_id": .objectID(assignment)])
                #expect(moved?["status"] == "cancelled")
                #expect(moved?["cancelledAt"]?.typeName == "date")
                let profile = try await fixture.collection(.driverProfiles).findOne(["_id": .objectID(driver.profile)])
                #expect(try profile?["isAvailable", as: Bool.self] == true)
                let stats = try await fixture.collection(.driverStats).findOne(["driverId": .objectID(driver.profile)])
                #expect(try stats?["cancelledRescues", as: Int.self] == 1)
                // Matching is assignDriver's, not transitionRescue's.
                let other = try await Lifecycle.requested(at: Lifecycle.denver, by: rider.principal, in: fixture)
                let admin = try await Lifecycle.admin(in: fixture)
                let match = await fixture.run(
                    Lifecycle.move, ["id": .string(other.hex), "from": "REQUESTED", "to": "MATCHED"], principal: admin)
                #expect(match.errors.first?.code == "BAD_USER_INPUT")
            }
        }
    }
}
