import DataModel
import Enforcement
import GraphQLEngine
import MongoStore
import Security
import Testing

@testable import Resolvers

extension SeededSuitesTwo {
    /// A rider finds where free drivers are only through `nearbyDrivers`, and
    /// of them only position and rating; the driver of its own live rescue it
    /// sees in full (name, vehicle and plate included).
    @Suite struct DriverLocationPrivacyTests {
        @Test func aRiderSeesOtherDriversOnlyThroughTheNearbySearchAndOnlyWhereTheyAre() async throws {
            try await SeededDatabase.with { fixture in
                let people = try await SeededPeople.find(in: fixture.database)
                let rider = try await Callers.principal(user: people.riderUser, in: fixture.database)
                // Paging or looking up driver profiles shows the live rescue's driver alone.
                let paged = await fixture.run(
                    "{ driverProfiles(first: 100) { edges { node { id location { lng lat } } } } }", principal: rider)
                #expect(paged.errors.map(\.message) == [])
                let ids = (paged.data?["driverProfiles", "edges"]?.listValue ?? []).compactMap { $0["node", "id"] }
                #expect(ids == [.string(people.driverProfile.hex)])
                let other = await fixture.run(
                    "{ driverProfile(id: \"\(people.otherDriverProfile.hex)\") { id location { lng } isOnline } }",
                    principal: rider)
                #expect(other.data?["driverProfile"] == .null)

                // The search finds free drivers near a point: position and rating, no name, nothing else.
                let free = try #require(
                    try await fixture.collection(.driverProfiles).findOne([
                        "isOnline": true, "isAvailable": true, "status": "approved",
                    ]))
                guard case .document(let location)? = free["location"],
                    case .array(let coordinates)? = location["coordinates"], coordinates.count == 2,
                    case .double(let lng) = coordinates[0], case .double(let lat) = coordinates[1]
                else { throw CancellationError() }
                let nearby = await fixture.run(
                    """
                    { nearbyDrivers(near: {lng: \(lng), lat: \(lat)}, maxDistanceMeters: 50000, first: 5) {
                        distanceMeters driver { id location { lng lat } rating name insuranceExpiry vehicles { id } }
                    } }
                    """, principal: rider)
                let found = nearby.data?["nearbyDrivers"]?.listValue ?? []
                #expect(!found.isEmpty, "\(nearby.errors.map(\.message))")
                for item in found {
                    #expect(item["driver", "location", "lng"]?.isNull == false)
                    #expect(item["driver", "insuranceExpiry"] == .null)
                    if item["driver", "id"] != .string(people.driverProfile.hex) {
                        #expect(item["driver", "name"] == .null)
                        #expect(item["driver", "vehicles"] == .list([]))
                    }
                }
                #expect(!nearby.errors.isEmpty && nearby.errors.allSatisfy { $0.code == "FORBIDDEN" })

                // Its own live rescue's driver: name, vehicle and plate.
                let own = await fixture.run(
                    "{ driverProfile(id: \"\(people.driverProfile.hex)\") { name location { lng } vehicles { plateNumber } } }",
                    principal: rider)
                #expect(own.data?["driverProfile", "name"]?.isNull == false)
                #expect(own.data?["driverProfile", "location", "lng"]?.isNull == false)
            }
        }
    }
}
