import Testing

@testable import GraphQLEngine

@Suite struct UniqueVariableNamesRuleTests {
    let rules = ["UniqueVariableNamesRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "query ($a: Int, $b: String, $c: Boolean) { count }",
                "query A($a: Int) { count } query B($a: Int) { count }",
                "query ($a: Int, $a: String) { count }",
                "query ($a: Int, $b: Int, $a: Int, $b: Int, $a: Int) { count }",
                "query A($x: Int, $x: Int) { count } query B($x: Int, $y: Int, $y: Int) { count }",
                "mutation ($id: ID!, $id: ID) { ping }",
                "subscription ($id: ID!, $Id: ID) { heartbeat }",
                "{ count }",
            ])
    }

    @Test func reportsEachRepeatedNameOnceAtEveryDefinition() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "query ($a: Int, $b: Int, $a: Int, $a: ID) { count }",
            [("There can be only one variable named \"$a\".", [[1, 9], [1, 27], [1, 36]])])
    }
}
