import DataModel
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

extension SeededSuites {
    @Suite struct RescueTransitionTests {
        @Test func aRescueMovesOneStepOnlyFromTheStatusTheCallerSawAndItsAssignmentWithIt() async throws {
            try await SeededDatabase.with { fixture in
                let matched = try #require(
                    try await fixture.collection(.rescueRequests).findOne(["status": "matched"]))
                guard case .objectID(let id)? = matched["_id"] else { throw CancellationError() }
                let user = try await Callers.firstUser(.admin, in: fixture.database)
                let admin = try await Callers.principal(user: user, in: fixture.database)
                let move =
                    "mutation($from: RescueStatus!, $to: RescueStatus!) { transitionRescue(id: \"\(id.hex)\", from: $from, to: $to, reason: \"test\") { id status acceptedAt statusHistory { fromStatus toStatus changedBy } } }"
                let before = try await fixture.collection(.rescueStatusHistories).countDocuments([
                    "rescueId": .objectID(id)
                ]
                )
                let moved = await fixture.run(move, ["from": "MATCHED", "to": "ACCEPTED"], principal: admin)
                #expect(moved.errors.map(\.message) == [])
                #expect(moved.data?["transitionRescue", "status"] == .string("ACCEPTED"))
                #expect(moved.data?["transitionRescue", "acceptedAt"]?.stringValue != nil)
                let history = moved.data?["transitionRescue", "statusHistory"]?.listValue ?? []
                #expect(history.count == before + 1)
                #expect(history.last?["changedBy"] == .string(user.hex))
                let assignment = try await fixture.collection(.rescueAssignments).findOne(["rescueId": .objectID(id)])
                #expect(assignment?["status"] == .string("accepted"))
                // The same move again: the rescue is no longer MATCHED.
                let stale = await fixture.run(move, ["from": "MATCHED", "to": "ACCEPTED"])
                #expect(stale.errors.first?.extensions.first { $0.key == "code" }?.value == .string("CONFLICT"))
                #expect(stale.errors.first?.message == "The rescue is ACCEPTED, not MATCHED.")
                // Skipping a step is refused before the database is asked.
                let skip = await fixture.run(move, ["from": "ACCEPTED", "to": "COMPLETED"])
                #expect(skip.errors.first?.extensions.first { $0.key == "code" }?.value == .string("BAD_USER_INPUT"))
                let stored = try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(id)])
                #expect(stored?["status"] == .string("accepted"))
            }
        }

        @Test func theLifecycleAllowsOneStepBackFromMatchedAndCancellingUntilFinal() {
            #expect(RescueLifecycle.isAllowed(from: "REQUESTED", to: "MATCHED"))
            #expect(RescueLifecycle.isAllowed(from: "IN_PROGRESS", to: "COMPLETED"))
            #expect(RescueLifecycle.isAllowed(from: "MATCHED", to: "REQUESTED"))
            #expect(RescueLifecycle.isAllowed(from: "ARRIVED", to: "CANCELLED"))
            #expect(!RescueLifecycle.isAllowed(from: "COMPLETED", to: "CANCELLED"))
            #expect(!RescueLifecycle.isAllowed(from: "CANCELLED", to: "REQUESTED"))
            #expect(!RescueLifecycle.isAllowed(from: "ACCEPTED", to: "REQUESTED"))
            #expect(!RescueLifecycle.isAllowed(from: "REQUESTED", to: "ACCEPTED"))
        }

        @Test func aRescuesOwnRiderMayCancelItButNotMatchIt() async throws {
            try await SeededDatabase.with { fixture in
                let requested = try #require(
                    try await fixture.collection(.rescueRequests).findOne(["status": "requested"]))
                guard case .objectID(let id)? = requested["_id"],
                    case .objectID(let riderProfile)? = requested["riderId"]
                else { throw CancellationError() }
                let profile = try #require(
                    try await fixture.collection(.riderProfiles).findOne(["_id": .objectID(riderProfile)]))
                guard case .objectID(let user)? = profile["userId"] else { throw CancellationError() }
                let rider = try await Callers.principal(user: user, in: fixture.database)
                let move =
                    "mutation($from: RescueStatus!, $to: RescueStatus!) { transitionRescue(id: \"\(id.hex)\", from: $from, to: $to) { status } }"
                let match = await fixture.run(move, ["from": "REQUESTED", "to": "MATCHED"], principal: rider)
                #expect(match.errors.first?.extensions.first { $0.key == "code" }?.value == .string("FORBIDDEN"))
                let unchanged = try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(id)])
                #expect(unchanged?["status"] == .string("requested"))
                let cancel = await fixture.run(move, ["from": "REQUESTED", "to": "CANCELLED"], principal: rider)
                #expect(cancel.errors.map(\.message) == [])
                #expect(cancel.data?["transitionRescue", "status"] == .string("CANCELLED"))
            }
        }
    }
}
