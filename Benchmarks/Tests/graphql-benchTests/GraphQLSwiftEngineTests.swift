import Testing

@testable import graphql_bench

@Suite struct GraphQLSwiftEngineTests {
    private static let schema = """
        scalar JSON
        interface Node { id: ID! }
        type Rider implements Node { id: ID! name: String }
        type Driver implements Node { id: ID! rating: Float }
        type System { component: String }
        union Actor = Rider | System
        type Query { node: Node nodes: [Node!]! actor: Actor meta: JSON count: Int tags: [String!] }
        """

    private static let data = """
        {"node": {"__typename": "Driver", "id": "d1", "rating": 4.5},
         "nodes": [{"__typename": "Rider", "id": "r1", "name": "Ada"}, {"__typename": "Driver", "id": "d2"}],
         "actor": {"__typename": "System", "component": "matcher"},
         "meta": {"z": 1, "a": [true, null, "x"]},
         "count": 3, "tags": ["a", "b"]}
        """

    private func respond(_ query: String, variables: String? = nil) async throws -> String {
        let engine = try GraphQLSwiftEngine(
            inputs: BenchInputs(
                schemaSDL: Self.schema, dataJSON: Array(Self.data.utf8), query: query,
                variablesJSON: variables.map { Array($0.utf8) }))
        return String(decoding: await engine.runOnce(), as: UTF8.self)
    }

    @Test func fieldsReadTheSameNamedKeysOfTheData() async throws {
        #expect(try await respond("{ count tags }") == #"{"data":{"count":3,"tags":["a","b"]}}"#)
    }

    @Test func interfacesAndUnionsResolveByTypename() async throws {
        let response = try await respond(
            "{ node { id ... on Driver { rating } } nodes { __typename id ... on Rider { name } } "
                + "actor { ... on System { component } } }")
        #expect(
            response
                == #"{"data":{"node":{"id":"d1","rating":4.5},"nodes":[{"__typename":"Rider","id":"r1","name":"Ada"},"#
                + #"{"__typename":"Driver","id":"d2"}],"actor":{"component":"matcher"}}}"#)
    }

    @Test func aCustomScalarPassesItsJSONThroughInOrder() async throws {
        #expect(try await respond("{ meta }") == #"{"data":{"meta":{"z":1,"a":[true,null,"x"]}}}"#)
    }

    @Test func variablesAreRead() async throws {
        let response = try await respond(
            "query Q($full: Boolean!) { count tags @include(if: $full) }", variables: #"{"full": false}"#)
        #expect(response == #"{"data":{"count":3}}"#)
    }

    @Test func aSyntaxErrorGivesAnErrorsOnlyResponse() async throws {
        let response = try await respond("{ count(")
        #expect(response.hasPrefix(#"{"errors":[{"message":"Syntax Error"#))
        #expect(!response.contains(#""data""#))
    }

    @Test func aValidationErrorGivesAnErrorsOnlyResponse() async throws {
        let response = try await respond("{ nope }")
        #expect(response.hasPrefix(#"{"errors":[{"message":"Cannot query field \"nope\" on type \"Query\"."#))
    }
}
