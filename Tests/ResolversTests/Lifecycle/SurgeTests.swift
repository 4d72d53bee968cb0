import DataModel
import MongoStore
import Testing

@testable import Resolvers

extension SeededSuites {
    /// The surge of a new request counts the demand the schema describes:
    /// requests of the last hour, still open, within 5 km; older, farther and
    /// finished ones do not count, and free drivers within 5 km divide it.
    @Suite struct SurgeTests {
        typealias Lifecycle = LifecycleFixture
        /// A city no other test uses, so the seeded database's rows stay out of the count.
        static let anchorage = (lng: -149.9003, lat: 61.2181)

        @Test func surgeCountsTheLastHoursOpenRequestsNearThePickupOverFreeDriversNearIt() async throws {
            try await SeededDatabase.with { fixture in
                let now = BSONDate.now().millisecondsSinceEpoch
                func rescue(minutesAgo: Int64, status: String, north meters: Double) -> BSONDocument {
                    let at = BSONDate(millisecondsSinceEpoch: now - minutesAgo * 60_000)
                    let lat = Self.anchorage.lat + meters / 111_195
                    return [
                        "_id": .objectID(ObjectID()), "riderId": .objectID(ObjectID()), "status": .string(status),
                        "pickupLocation": [
                            "type": "Point", "coordinates": [.double(Self.anchorage.lng), .double(lat)],
                            "address": "Surge test",
                        ], "requestedAt": .date(at), "createdAt": .date(at),
                    ]
                }
                // Counted: two open requests of the last hour within 5 km.
                // Not counted: one two hours old, one 20 km away, one completed.
                _ = try await fixture.collection(.rescueRequests).insertMany([
                    rescue(minutesAgo: 10, status: "requested", north: 500),
                    rescue(minutesAgo: 50, status: "matched", north: 4_000),
                    rescue(minutesAgo: 120, status: "requested", north: 500),
                    rescue(minutesAgo: 10, status: "requested", north: 20_000),
                    rescue(minutesAgo: 10, status: "completed", north: 500),
                ])
                // Two free drivers near: (2 + 1) / 2.
                for offset in [0.001, 0.002] {
                    _ = try await Lifecycle.driver(
                        at: (Self.anchorage.lng + offset, Self.anchorage.lat), in: fixture)
                }
                let rider = try await Lifecycle.rider(in: fixture)
                let id = try await Lifecycle.requested(at: Self.anchorage, by: rider.principal, in: fixture)
                let stored = try #require(try await fixture.collection(.rescueRequests).findOne(["_id": .objectID(id)]))
                #expect(try stored["surgeMultiplier", as: Double.self] == 1.5)
            }
        }
    }
}
