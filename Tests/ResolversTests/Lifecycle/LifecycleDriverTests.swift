import DataModel
import Enforcement
import GraphQLEngine
import MongoStore
import Testing

@testable import Resolvers

extension SeededSuites {
    /// A driver's own writes: going online or offline, and its position.
    @Suite struct LifecycleDriverTests {
        typealias Lifecycle = LifecycleFixture

        @Test func aDriverGoesOnlineAndOfflineWithALogRowPerChange() async throws {
            try await SeededDatabase.with { fixture in
                let driver = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture, online: false)
                let set = """
                    mutation($online: Boolean!, $available: Boolean, $reason: String) {
                      setDriverAvailability(isOnline: $online, isAvailable: $available, reason: $reason) {
                        id isOnline isAvailable
                      }
                    }
                    """
                let online = await fixture.run(
                    set, ["online": true, "reason": "shift_start"], principal: driver.principal)
                #expect(online.errors.map(\.message) == [])
                #expect(online.data?["setDriverAvailability", "isOnline"] == true)
                #expect(online.data?["setDriverAvailability", "isAvailable"] == true)
                let contradiction = await fixture.run(
                    set, ["online": false, "available": true], principal: driver.principal)
                #expect(contradiction.errors.first?.argument == "isAvailable")
                let offline = await fixture.run(
                    set, ["online": false, "reason": "shift_end"], principal: driver.principal)
                #expect(offline.data?["setDriverAvailability", "isAvailable"] == false)
                let logs = try await fixture.collection(.driverAvailabilityLogs).find(
                    ["driverId": .objectID(driver.profile)], options: FindOptions(sort: ["timestamp": 1, "_id": 1]))
                #expect(logs.map { $0["wasOnline"] } == [false, true])
                #expect(logs.map { $0["isOnline"] } == [true, false])
                #expect(logs.map { $0["reason"] } == ["shift_start", "shift_end"])
                #expect(
                    try await fixture.collection(.auditLogs).countDocuments([
                        "action": "driver.setAvailability", "entityId": .objectID(driver.profile),
                    ]) == 2)
                // A suspended driver does not go online; a rider cannot call it.
                let suspended = try await Lifecycle.driver(
                    at: Lifecycle.denver, in: fixture, online: false, status: "suspended")
                let refused = await fixture.run(set, ["online": true], principal: suspended.principal)
                #expect(refused.errors.first?.code == "CONFLICT")
                let rider = try await Lifecycle.rider(in: fixture)
                let byRider = await fixture.run(set, ["online": true], principal: rider.principal)
                #expect(byRider.errors.first?.code == "FORBIDDEN")
            }
        }

        @Test func a105LocationUpdatesLeaveExactlyTheLast100PointsOnTheLiveAssignment() async throws {
            try await SeededDatabase.with { fixture in
                let rider = try await Lifecycle.rider(in: fixture)
                let driver = try await Lifecycle.driver(at: Lifecycle.denver, in: fixture)
                let rescue = try await Lifecycle.requested(at: Lifecycle.denver, by: rider.principal, in: fixture)
                let assignment = try await Lifecycle.assigned(rescue, to: driver.profile, in: fixture)
                let update = """
                    mutation($lng: Float!, $lat: Float!) {
                      updateDriverLocation(location: {lng: $lng, lat: $lat}) { id location { lng lat } }
                    }
                    """
                for step in 0..<105 {
                    let lng = Lifecycle.denver.lng + Double(step) / 10_000
                    let moved = await fixture.run(
                        update, ["lng": .double(lng), "lat": .double(Lifecycle.denver.lat + 0.05)],
                        principal: driver.principal)
                    #expect(moved.errors.map(\.message) == [])
                }
                let stored = try #require(
                    try await fixture.collection(.rescueAssignments).findOne(["_id": .objectID(assignment)]))
                guard case .array(let trail)? = stored["locationHistory"] else { throw CancellationError() }
                #expect(trail.count == 100)
                let longitudes: [Double] = trail.compactMap { sample in
                    guard case .document(let point)? = sample.documentValue?["location"],
                        case .array(let coordinates)? = point["coordinates"]
                    else { return nil }
                    return NearbyDrivers.number(coordinates[0])
                }
                let expected = (5..<105).map { Lifecycle.denver.lng + Double($0) / 10_000 }
                #expect(longitudes == expected)
                // About 3.5 miles from the pickup at 20 mph.
                #expect(try stored["estimatedArrivalTime", as: Int.self] == 11)
                let profile = try await fixture.collection(.driverProfiles).findOne(["_id": .objectID(driver.profile)])
                guard case .document(let location)? = profile?["location"],
                    case .array(let at)? = location["coordinates"]
                else { throw CancellationError() }
                #expect(at.first.flatMap(NearbyDrivers.number) == expected.last)
                // Out of range: refused, naming the argument.
                let wild = await fixture.run(update, ["lng": 181.0, "lat": 0.0], principal: driver.principal)
                #expect(wild.errors.first?.argument == "location.lng")
            }
        }
    }
}

extension BSONValue {
    var documentValue: BSONDocument? { if case .document(let document) = self { document } else { nil } }
}
