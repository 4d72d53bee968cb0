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
    }
}
