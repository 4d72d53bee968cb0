import GraphQLEngine
import Testing

/// Query fields that wait on I/O run concurrently; mutation root fields run
/// one after another (https://spec.graphql.org/October2021/#sec-Mutation).
@Suite struct ConcurrencyTests {
    actor Tracker {
        var active = 0
        var maxActive = 0
        var order: [String] = []
        func enter(_ name: String) {
            active += 1
            maxActive = max(maxActive, active)
            order.append(name)
        }
        func leave() { active -= 1 }
    }

    static func slow(_ tracker: Tracker) -> FieldResolver {
        .async { field in
            await tracker.enter(field.responseKey)
            try await Task.sleep(for: .milliseconds(40))
            await tracker.leave()
            return .int(field.arguments["by", as: Int.self] ?? 0)
        }
    }

    static func schema(_ tracker: Tracker) throws -> ExecutableSchema {
        try Fixtures.executable(
            "type Query { a(by: Int): Int, b(by: Int): Int } type Mutation { a(by: Int): Int, b(by: Int): Int }",
            resolvers: [
                "Query": ["a": slow(tracker), "b": slow(tracker)],
                "Mutation": ["a": slow(tracker), "b": slow(tracker)],
            ])
    }

    @Test func asyncQueryFieldsOfALevelRunConcurrently() async throws {
        let tracker = Tracker()
        let result = try await Fixtures.run(
            "{ x: a(by: 1) y: b(by: 2) z: a(by: 3) }", schema: Self.schema(tracker), data: [:])
        #expect(result == #"{"data":{"x":1,"y":2,"z":3}}"#)
        #expect(await tracker.maxActive == 3)
    }

    @Test func mutationRootFieldsRunSeriallyInSelectionOrder() async throws {
        let tracker = Tracker()
        let result = try await Fixtures.run(
            "mutation { first: b(by: 1) second: a(by: 2) third: b(by: 3) }", schema: Self.schema(tracker), data: [:])
        #expect(result == #"{"data":{"first":1,"second":2,"third":3}}"#)
        #expect(await tracker.maxActive == 1)
        #expect(await tracker.order == ["first", "second", "third"])
    }
}
