import Testing

@testable import GraphQLEngine

@Suite struct ExecutableDefinitionsRuleTests {
    let rules = ["ExecutableDefinitionsRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ count }",
                "query Q { count } fragment F on Query { count }",
                "query Q { ...F } fragment F on Query { count } mutation M { ping }",
                "{ count } type Extra { a: Int }",
                "query Q { count } interface I { a: Int } union U = Rider enum E { A } input In { a: Int } scalar S",
                "schema { query: Query } extend schema @onObject { mutation: Mutation }",
                "extend type Rider { age: Int } extend interface Node { b: Int } extend union Party = Station",
                "extend enum Severity { UNKNOWN } extend input GeoInput { alt: Float } extend scalar DateTime @onObject",
                "directive @cached(ttl: Int) on FIELD\n{ count }",
                "\"described\" type Described { a: Int } { count }",
            ])
    }

    @Test func namesEachNonExecutableDefinition() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ count }\ntype Extra { a: Int }\nschema { query: Query }\ndirective @d on FIELD",
            [
                ("The \"Extra\" definition is not executable.", [[2, 1]]),
                ("The schema definition is not executable.", [[3, 1]]),
                ("The \"d\" definition is not executable.", [[4, 1]]),
            ])
    }

    @Test func acceptsOperationsAndFragmentsOnly() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "query A { ...F } fragment F on Query { count }", [])
    }
}
