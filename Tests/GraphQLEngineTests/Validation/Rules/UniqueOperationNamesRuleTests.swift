import Testing

@testable import GraphQLEngine

@Suite struct UniqueOperationNamesRuleTests {
    let rules = ["UniqueOperationNamesRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ count }",
                "query A { count } query B { count }",
                "query A { count } mutation B { ping } subscription C { heartbeat }",
                "query A { count } fragment A on Query { count }",
                "query A { count } query A { bike { id } }",
                "query A { count } mutation A { ping }",
                "query A { count } subscription A { heartbeat }",
                "query A { count } query A { count } query A { count }",
                "{ count } query A { count } { count }",
                "query A { ... on Query { count } } query B { count } query A { echo(message: \"x\") }",
            ])
    }

    @Test func reportsTheFirstAndTheRepeatedName() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "query Same { count }\nmutation Same { ping }",
            [("There can be only one operation named \"Same\".", [[1, 7], [2, 10]])])
    }
}
