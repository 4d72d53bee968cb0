import DataModel
import Enforcement
import GraphQLEngine
import MongoStore
import Testing

@testable import Resolvers

extension SeededSuitesTwo {
    /// A large stored field (`Collections.largeFields`: an assignment's
    /// `locationHistory`) is decoded only for operations that show it, and
    /// the answers are the same either way.
    @Suite(.serialized) struct LargeFieldTests {
        /// Runs `query` as the gateway does: prepared, with its selected fields in the context.
        static func run(_ query: String, _ variables: [String: JSONValue], in fixture: Fixture)
            async throws -> GraphQLResponse
        {
            guard case .ready(let operation) = await fixture.service.prepare(GraphQLRequest(query: query)) else {
                throw CancellationError()
            }
            let context = AccessContext(
                database: fixture.database, principal: .trusted, selectedFields: operation.selectedFields)
            return await fixture.service.execute(operation, variables: variables, context: context)
        }

        /// The large fields of `rescueassignments` the operation of `query` leaves out of its reads.
        static func skipped(_ query: String, in fixture: Fixture) async throws -> Set<String> {
            guard case .ready(let operation) = await fixture.service.prepare(GraphQLRequest(query: query)) else {
                throw CancellationError()
            }
            return AccessContext(
                database: fixture.database, principal: .trusted, selectedFields: operation.selectedFields
            )
            .unshownLargeFields(of: .rescueAssignments)
        }

        @Test func anAssignmentsLocationHistoryIsDecodedOnlyWhenTheOperationShowsIt() async throws {
            try await SeededDatabase.with { fixture in
                let assignments = fixture.collection(.rescueAssignments)
                let stored = try #require(
                    try await assignments.findOne(["locationHistory.0": ["$exists": true]]),
                    "the demo data has no assignment with a trail")
                guard case .objectID(let id)? = stored["_id"], case .array(let trail)? = stored["locationHistory"]
                else { throw CancellationError() }
                let variables: [String: JSONValue] = ["id": .string(id.hex)]
                let without =
                    "query A($id: ObjectID!) { rescueAssignment(id: $id) { id status driverLocation { lng } } }"
                let with =
                    "query B($id: ObjectID!) { rescueAssignment(id: $id) { id status locationHistory { timestamp } } }"

                #expect(try await Self.skipped(without, in: fixture) == ["locationHistory"])
                var answer = try await Self.run(without, variables, in: fixture)
                #expect(answer.errors.map(\.message) == [])
                #expect(answer.data?["rescueAssignment", "id"]?.stringValue == id.hex)
                #expect(answer.data?["rescueAssignment", "driverLocation", "lng"] != nil)

                #expect(try await Self.skipped(with, in: fixture) == [])
                answer = try await Self.run(with, variables, in: fixture)
                #expect(answer.errors.map(\.message) == [])
                #expect(answer.data?["rescueAssignment", "locationHistory"]?.listValue?.count == trail.count)

                // Through a fragment on the nested assignment of a rescue: shown, so read.
                guard case .objectID(let rescue)? = stored["rescueId"] else { throw CancellationError() }
                let nested = """
                    query C($id: ObjectID!) { rescueRequest(id: $id) { id assignment { ...Trail } } }
                    fragment Trail on RescueAssignment { locationHistory { timestamp } }
                    """
                #expect(try await Self.skipped(nested, in: fixture) == [])
                answer = try await Self.run(nested, ["id": .string(rescue.hex)], in: fixture)
                #expect(answer.errors.map(\.message) == [])
                #expect(answer.data?["rescueRequest", "assignment", "locationHistory"]?.listValue?.count == trail.count)
                // Not shown on the nested assignment: skipped there too, the rest intact.
                let nestedWithout =
                    "query D($id: ObjectID!) { rescueRequest(id: $id) { id assignment { id status rescue { id } } } }"
                #expect(try await Self.skipped(nestedWithout, in: fixture) == ["locationHistory"])
                answer = try await Self.run(nestedWithout, ["id": .string(rescue.hex)], in: fixture)
                #expect(answer.errors.map(\.message) == [])
                #expect(answer.data?["rescueRequest", "assignment", "rescue", "id"]?.stringValue == rescue.hex)

                // Without the operation's fields (a tool's context), nothing is skipped.
                #expect(
                    AccessContext(database: fixture.database, principal: .trusted).unshownLargeFields(
                        of: .rescueAssignments) == [])
            }
        }

        /// A rescue request's drop-off, photos, description and bike are left
        /// out of a rider's history when no selection shows them, and shown
        /// as stored when one does (directly or through a fragment).
        @Test func aRescuesCostlyFieldsAreDecodedOnlyWhenTheOperationShowsThem() async throws {
            try await SeededDatabase.with { fixture in
                let rescues = fixture.collection(.rescueRequests)
                let stored = try #require(
                    try await rescues.findOne(
                        ["dropoffLocation": ["$type": "object"], "photos.0": ["$exists": true]],
                        options: FindOptions(sort: ["createdAt": -1])),
                    "the demo data has no rescue with a drop-off and photos")
                guard case .objectID(let id)? = stored["_id"], case .objectID(let rider)? = stored["riderId"],
                    case .string(let description)? = stored["description"],
                    case .array(let photos)? = stored["photos"],
                    case .document(let dropoff)? = stored["dropoffLocation"],
                    case .string(let dropoffAddress)? = dropoff["address"],
                    case .document(let bike)? = stored["bikeDetails"], case .string(let make)? = bike["make"]
                else { throw CancellationError() }
                func skipped(_ query: String) async throws -> Set<String> {
                    guard case .ready(let operation) = await fixture.service.prepare(GraphQLRequest(query: query))
                    else {
                        throw CancellationError()
                    }
                    return AccessContext(
                        database: fixture.database, principal: .trusted, selectedFields: operation.selectedFields
                    )
                    .unshownLargeFields(of: .rescueRequests)
                }
                /// The node of `id` in the rider's history as `query` answers it.
                func node(_ query: String) async throws -> JSONValue? {
                    let answer = try await Self.run(query, ["rider": .string(rider.hex)], in: fixture)
                    #expect(answer.errors.map(\.message) == [])
                    let edges = answer.data?["rescueHistory", "edges"]?.listValue ?? []
                    return edges.lazy.compactMap { $0["node"] }.first { $0["id"]?.stringValue == id.hex }
                }
                let history = """
                    query H($rider: ObjectID!) { rescueHistory(riderId: $rider, first: 100) { edges { node {
                      id status pickupLocation { lng address } } } } }
                    """
                #expect(
                    try await skipped(history) == ["dropoffLocation", "photos", "description", "bikeDetails"])
                let plain = try #require(try await node(history), "the rescue is not in its rider's history")
                #expect(plain["status"]?.stringValue != nil)
                #expect(plain["pickupLocation", "address"] != nil)

                let shown = """
                    query S($rider: ObjectID!) { rescueHistory(riderId: $rider, first: 100) { edges { node {
                      id description photos ...Trip } } } }
                    fragment Trip on RescueRequest { dropoffLocation { address } bikeDetails { make } }
                    """
                #expect(try await skipped(shown) == [])
                let full = try #require(try await node(shown))
                #expect(full["description"]?.stringValue == description)
                #expect(full["photos"]?.listValue?.count == photos.count)
                #expect(full["dropoffLocation", "address"]?.stringValue == dropoffAddress)
                #expect(full["bikeDetails", "make"]?.stringValue == make)
            }
        }

        /// A profile's encrypted fields and a rider's saved places are left
        /// out when no selection shows them (an interface's field counts for
        /// each type), and every answer is the one a read without skipping gives.
        @Test func profilesSkipTheirEncryptedFieldsAndAnswerAlike() async throws {
            try await SeededDatabase.with { fixture in
                let driver = try #require(
                    try await fixture.collection(.driverProfiles).findOne(["bankDetails": ["$type": "string"]]),
                    "the demo data has no driver with bank details")
                let rider = try #require(
                    try await fixture.collection(.riderProfiles).findOne(["savedLocations.0": ["$exists": true]]),
                    "the demo data has no rider with saved places")
                guard case .objectID(let driverID)? = driver["_id"], case .objectID(let riderID)? = rider["_id"] else {
                    throw CancellationError()
                }
                let variables: [String: JSONValue] = ["d": .string(driverID.hex), "r": .string(riderID.hex)]
                let cases: [(query: String, skippedOfDrivers: Set<String>, skippedOfRiders: Set<String>)] = [
                    (
                        "query A($d: ObjectID!, $r: ObjectID!) { driverProfile(id: $d) { id status rating } "
                            + "riderProfile(id: $r) { id totalRescues } }",
                        ["name", "email", "licenseNumber", "vehicleInsuranceNumber", "bankDetails"],
                        ["name", "email", "savedLocations"]
                    ),
                    (
                        "query B($d: ObjectID!, $r: ObjectID!) { driverProfile(id: $d) { id licenseNumber "
                            + "bankDetails { accountHolderName } ...P } riderProfile(id: $r) { id savedLocations { name address } } } "
                            + "fragment P on Profile { name }",
                        ["email", "vehicleInsuranceNumber"], ["email"]
                    ),
                ]
                for (query, skippedOfDrivers, skippedOfRiders) in cases {
                    guard case .ready(let operation) = await fixture.service.prepare(GraphQLRequest(query: query))
                    else {
                        throw CancellationError()
                    }
                    let skipping = AccessContext(
                        database: fixture.database, principal: .trusted, selectedFields: operation.selectedFields)
                    #expect(skipping.unshownLargeFields(of: .driverProfiles) == skippedOfDrivers)
                    #expect(skipping.unshownLargeFields(of: .riderProfiles) == skippedOfRiders)
                    let skipped = await fixture.service.execute(operation, variables: variables, context: skipping)
                    let whole = await fixture.service.execute(
                        operation, variables: variables,
                        context: AccessContext(database: fixture.database, principal: .trusted))
                    #expect(skipped.errors.map(\.message) == [])
                    #expect(skipped.data?["driverProfile", "id"]?.stringValue == driverID.hex)
                    #expect(skipped.data == whole.data)
                }
            }
        }
    }
}
