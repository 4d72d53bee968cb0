import DataModel
import Enforcement
import GraphQLEngine
import MongoStore
import Testing

@testable import Resolvers

extension SeededSuites {
    /// The lifecycle's mutations over a seeded database: what each writes,
    /// what it refuses before writing, and what two of them at once leave.
    @Suite struct LifecycleMutationTests {
        typealias Lifecycle = LifecycleFixture

        @Test func aRiderRequestsARescueWithItsQuoteFirstHistoryEntryCountAndAuditEntry() async throws {
            try await SeededDatabase.with { fixture in
                let rider = try await Lifecycle.rider(in: fixture)
                let created = await fixture.run(
                    Lifecycle.create, ["input": Lifecycle.input(at: Lifecycle.denver)], principal: rider.principal)
                #expect(created.errors.map(\.message) == [])
                let id = try #require(ObjectID(created.data?["createRescueRequest", "id"]?.stringValue ?? ""))
                #expect(created.data?["createRescueRequest", "status"] == "REQUESTED")
                #expect(created.data?["createRescueRequest", "riderId"] == .string(rider.profile.hex))
                let history = created.data?["createRescueRequest", "statusHistory"]?.listValue ?? []
                #expect(history.count == 1)
                #expect(history.first?["fromStatus"] == .null)
                #expect(history.first?["toStatus"] == "REQUESTED")

                let stored = try #require(try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(id)]))
                // The quote is the formula's for what was stored (no drivers or
                // other requests near Denver: no surge).
                let miles = try #require(try stored["distance", as: Double.self])
                let quote = RescuePricing.quote(
                    type: "flat_tire", miles: miles, at: try stored.get("requestedAt"), pickupLng: Lifecycle.denver.lng,
                    surge: 1)
                #expect(try stored["estimatedPrice", as: Int.self] == quote.amount)
                #expect(quote.surgeFee == 0)
                #expect(miles > 1.3 && miles < 1.5)
                #expect(
                    try stored["estimatedDuration", as: Int.self]
                        == 15 + RescuePricing.jobMinutes(type: "flat_tire", miles: miles))
                let profile = try await fixture.collection(.riderProfiles).findOne(["_id": .objectID(rider.profile)])
                #expect(try profile?["totalRescues", as: Int.self] == 1)

                let audit = try #require(
                    try await fixture.collection(.auditLogs).findOne([
                        "action": "rescue.create", "entityId": .objectID(id),
                    ]))
                #expect(audit["userId"] == .objectID(rider.user))
                #expect(audit["entity"] == "rescuerequests")
                guard case .document(let changes)? = audit["changes"], case .array(let fields)? = changes["fields"]
                else { throw CancellationError() }
                #expect(fields.contains("pickupLocation"))
                #expect(changes["apiKeyId"]?.typeName == "objectId")
                // Field names only: no value of the request reaches the audit log.
                #expect(!audit.relaxedExtendedJSON.contains("1200 Test St"))
                #expect(!audit.relaxedExtendedJSON.contains("Rear tire"))
            }
        }

        @Test func inputIsCheckedBeforeAnythingIsWrittenAndTheErrorNamesTheArgument() async throws {
            try await SeededDatabase.with { fixture in
                let rider = try await Lifecycle.rider(in: fixture)
                let before = try await fixture.collection(.rescueRequests).countDocuments()
                func refused(_ edit: (inout [(key: String, value: JSONValue)]) -> Void) async -> GraphQLError? {
                    guard case .object(var entries) = Lifecycle.input(at: Lifecycle.denver) else { return nil }
                    edit(&entries)
                    let response = await fixture.run(
                        Lifecycle.create, ["input": .object(entries)], principal: rider.principal)
                    return response.errors.first
                }
                let badLat = await refused { entries in
                    entries[0].value = .object([("lng", 0.0), ("lat", 91.0), ("address", "Somewhere")])
                }
                #expect(badLat?.code == "BAD_USER_INPUT")
                #expect(badLat?.argument == "input.pickup.lat")
                let emptyDescription = await refused { entries in
                    entries[entries.firstIndex { $0.key == "description" }!].value = "   "
                }
                #expect(emptyDescription?.argument == "input.description")
                let badZip = await refused { entries in
                    entries[0].value = .object([
                        ("lng", 0.0), ("lat", 0.0), ("address", "Somewhere"), ("zipCode", "ABCDE"),
                    ])
                }
                #expect(badZip?.argument == "input.pickup.zipCode")
                let longAddress = await refused { entries in
                    entries[1].value = .object([
                        ("lng", 0.0), ("lat", 0.0), ("address", .string(String(repeating: "x", count: 201))),
                    ])
                }
                #expect(longAddress?.argument == "input.dropoff.address")
                let otherRider = await refused { entries in entries.append(("riderId", .string(ObjectID().hex))) }
                #expect(otherRider?.code == "NOT_FOUND")
                #expect(otherRider?.argument == "input.riderId")
                let longKey = await fixture.run(
                    Lifecycle.create,
                    [
                        "input": Lifecycle.input(at: Lifecycle.denver),
                        "key": .string(String(repeating: "k", count: 129)),
                    ],
                    principal: rider.principal)
                #expect(longKey.errors.first?.argument == "idempotencyKey")
                #expect(try await fixture.collection(.rescueRequests).countDocuments() == before)
                // A driver does not ask for rescues.
                let driver = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture)
                let byDriver = await fixture.run(
                    Lifecycle.create, ["input": Lifecycle.input(at: Lifecycle.denver)], principal: driver.principal)
                #expect(byDriver.errors.first?.code == "FORBIDDEN")
                // Support must name the rider.
                let admin = try await Lifecycle.admin(in: fixture)
                let unnamed = await fixture.run(
                    Lifecycle.create, ["input": Lifecycle.input(at: Lifecycle.denver)], principal: admin)
                #expect(unnamed.errors.first?.argument == "input.riderId")
                #expect(try await fixture.collection(.rescueRequests).countDocuments() == before)
            }
        }

        @Test func twoConcurrentCreatesWithOneIdempotencyKeyMakeOneRescue() async throws {
            try await SeededDatabase.with { fixture in
                let rider = try await Lifecycle.rider(in: fixture)
                let variables: [String: JSONValue] = [
                    "input": Lifecycle.input(at: Lifecycle.denver), "key": "rescue-attempt-1",
                ]
                async let first = fixture.run(Lifecycle.create, variables, principal: rider.principal)
                async let second = fixture.run(Lifecycle.create, variables, principal: rider.principal)
                let (a, b) = await (first, second)
                #expect(a.errors.map(\.message) == [])
                #expect(b.errors.map(\.message) == [])
                let ids = [a, b].compactMap { $0.data?["createRescueRequest", "id"]?.stringValue }
                #expect(ids.count == 2)
                #expect(Set(ids).count == 1)
                let rescues = try await fixture.collection(.rescueRequests).countDocuments([
                    "riderId": .objectID(rider.profile)
                ])
                #expect(rescues == 1)
                let profile = try await fixture.collection(.riderProfiles).findOne(["_id": .objectID(rider.profile)])
                #expect(try profile?["totalRescues", as: Int.self] == 1)
                // Later, the same key still answers the same rescue; another key makes another.
                let again = await fixture.run(Lifecycle.create, variables, principal: rider.principal)
                #expect(again.data?["createRescueRequest", "id"]?.stringValue == ids.first)
                var other = variables
                other["key"] = "rescue-attempt-2"
                let another = await fixture.run(Lifecycle.create, other, principal: rider.principal)
                #expect(another.data?["createRescueRequest", "id"]?.stringValue != ids.first)
            }
        }

        @Test func twoConcurrentAssignmentsOfOneRescueLeaveOneAssignment() async throws {
            try await SeededDatabase.with { fixture in
                let rider = try await Lifecycle.rider(in: fixture)
                let first = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture)
                let second = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture)
                let rescue = try await Lifecycle.requested(at: Lifecycle.denver, by: rider.principal, in: fixture)
                let admin = try await Lifecycle.admin(in: fixture)
                async let a = fixture.run(
                    Lifecycle.assign, ["rescue": .string(rescue.hex), "driver": .string(first.profile.hex)],
                    principal: admin)
                async let b = fixture.run(
                    Lifecycle.assign, ["rescue": .string(rescue.hex), "driver": .string(second.profile.hex)],
                    principal: admin)
                let answers = await [a, b]
                let won = answers.filter { $0.errors.isEmpty }
                let lost = answers.filter { !$0.errors.isEmpty }
                #expect(won.count == 1)
                #expect(lost.first?.errors.first?.code == "CONFLICT")
                #expect(lost.first?.errors.first?.message == "The rescue is MATCHED, not REQUESTED.")
                let assignments = try await fixture.collection(.rescueAssignments).find(["rescueId": .objectID(rescue)])
                #expect(assignments.count == 1)
                let winner = try #require(assignments.first?["driverId"])
                let stored = try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(rescue)])
                #expect(stored?["status"] == "matched")
                #expect(stored?["driverId"] == winner)
                // The driver who lost the race is still free; the winner is not.
                for driver in [first.profile, second.profile] {
                    let profile = try await fixture.collection(.driverProfiles).findOne(["_id": .objectID(driver)])
                    #expect(try profile?["isAvailable", as: Bool.self] == (winner != .objectID(driver)))
                }
            }
        }

        @Test func withoutADriverTheNearestFreeApprovedOneIsAssigned() async throws {
            try await SeededDatabase.with { fixture in
                let rider = try await Lifecycle.rider(in: fixture)
                let near = (lng: Lifecycle.denver.lng + 0.01, lat: Lifecycle.denver.lat)
                let far = (lng: Lifecycle.denver.lng + 0.1, lat: Lifecycle.denver.lat)
                _ = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture, status: "suspended")
                _ = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture, online: false)
                let nearest = try await Lifecycle.driver(at: near, in: fixture)
                _ = try await Lifecycle.driver(at: far, in: fixture)
                let rescue = try await Lifecycle.requested(at: Lifecycle.denver, by: rider.principal, in: fixture)
                let admin = try await Lifecycle.admin(in: fixture)
                let assigned = await fixture.run(Lifecycle.assign, ["rescue": .string(rescue.hex)], principal: admin)
                #expect(assigned.errors.map(\.message) == [])
                #expect(assigned.data?["assignDriver", "driverId"] == .string(nearest.profile.hex))
                #expect(assigned.data?["assignDriver", "status"] == "ASSIGNED")
                // A rider may not dispatch.
                let byRider = await fixture.run(
                    Lifecycle.assign, ["rescue": .string(rescue.hex)], principal: rider.principal)
                #expect(byRider.errors.first?.code == "FORBIDDEN")
            }
        }

        @Test func twoConcurrentAcceptsMakeOneSuccess() async throws {
            try await SeededDatabase.with { fixture in
                let rider = try await Lifecycle.rider(in: fixture)
                let driver = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture)
                let rescue = try await Lifecycle.requested(at: Lifecycle.denver, by: rider.principal, in: fixture)
                let assignment = try await Lifecycle.assigned(rescue, to: driver.profile, in: fixture)
                let variables: [String: JSONValue] = ["id": .string(assignment.hex), "accept": true]
                async let a = fixture.run(Lifecycle.respond, variables, principal: driver.principal)
                async let b = fixture.run(Lifecycle.respond, variables, principal: driver.principal)
                let answers = await [a, b]
                #expect(answers.filter { $0.errors.isEmpty }.count == 1)
                let lost = try #require(answers.first { !$0.errors.isEmpty })
                #expect(lost.errors.first?.code == "CONFLICT")
                #expect(lost.errors.first?.message == "The assignment is ACCEPTED, not ASSIGNED.")
                let history = try await fixture.collection(.rescueStatusHistories).countDocuments([
                    "rescueId": .objectID(rescue), "toStatus": "accepted",
                ])
                #expect(history == 1)
                let stored = try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(rescue)])
                #expect(stored?["status"] == "accepted")
                // Another driver cannot answer it at all.
                let other = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture)
                let foreign = await fixture.run(Lifecycle.respond, variables, principal: other.principal)
                #expect(foreign.errors.first?.code == "NOT_FOUND")
            }
        }

        @Test func aDeclineGivesTheRescueBackAndItsAssignmentIsReusedByTheNextMatch() async throws {
            try await SeededDatabase.with { fixture in
                let rider = try await Lifecycle.rider(in: fixture)
                let first = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture)
                let second = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture)
                let rescue = try await Lifecycle.requested(at: Lifecycle.denver, by: rider.principal, in: fixture)
                let assignment = try await Lifecycle.assigned(rescue, to: first.profile, in: fixture)
                let declined = await fixture.run(
                    Lifecycle.respond, ["id": .string(assignment.hex), "accept": false, "reason": "Too far"],
                    principal: first.principal)
                #expect(declined.errors.map(\.message) == [])
                #expect(declined.data?["respondToAssignment", "status"] == "REJECTED")
                let stored = try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(rescue)])
                #expect(stored?["status"] == "requested")
                #expect(stored?["driverId"] == .null)
                let histories = try await fixture.collection(.rescueStatusHistories).find([
                    "rescueId": .objectID(rescue)
                ])
                #expect(histories.allSatisfy { $0["driverId"] == .null })
                let freed = try await fixture.collection(.driverProfiles).findOne(["_id": .objectID(first.profile)])
                #expect(try freed?["isAvailable", as: Bool.self] == true)
                let stats = try await fixture.collection(.driverStats).findOne(["driverId": .objectID(first.profile)])
                #expect(try stats?["totalRescues", as: Int.self] == 1)
                #expect(try stats?["acceptanceRate", as: Double.self] == 0)

                let again = try await Lifecycle.assigned(rescue, to: second.profile, in: fixture)
                #expect(again == assignment)
                let reused = try await fixture.collection(.rescueAssignments).find(["rescueId": .objectID(rescue)])
                #expect(reused.count == 1)
                #expect(reused.first?["status"] == "assigned")
                #expect(reused.first?["driverId"] == .objectID(second.profile))
                #expect(reused.first?["rejectionReason"] == nil)
            }
        }
    }
}
