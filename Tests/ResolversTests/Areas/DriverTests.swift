import DataModel
import GraphQLEngine
import MongoStore
import Security
import SupportCarrData
import Testing

@testable import Resolvers

extension SeededSuites {
    @Suite struct DriverTests {
        @Test func aDriversActiveAssignmentIsTheSameThroughTheListAndTheRootField() async throws {
            try await SeededDatabase.with { fixture in
                let response = await fixture.run(
                    "{ driverProfiles(first: 100) { edges { node { id activeAssignment { id } } } } }")
                #expect(response.errors.map(\.message) == [])
                let edges = response.data?["driverProfiles", "edges"]?.listValue ?? []
                #expect(edges.count == SeededDatabase.options.drivers)
                var active = 0
                for edge in edges {
                    let driver = try #require(edge["node", "id"]?.stringValue)
                    let root = await fixture.run("{ activeRescue(driverId: \"\(driver)\") { id } }")
                    #expect(root.data?["activeRescue", "id"] == edge["node", "activeAssignment", "id"])
                    if edge["node", "activeAssignment", "id"]?.stringValue != nil { active += 1 }
                }
                print("drivers with an active assignment: \(active) of \(edges.count)")
            }
        }
    }
}
