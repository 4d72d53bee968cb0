import Testing

@testable import GraphQLEngine

@Suite struct FragmentsOnCompositeTypesRuleTests {
    let rules = ["FragmentsOnCompositeTypesRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "fragment F on Rider { id } { ...F }",
                "fragment F on Vehicle { id } fragment G on Party { __typename } { ...F ...G }",
                "{ ... on Query { count } ... { count } }",
                "fragment F on Severity { x } { ...F }",
                "fragment F on String { x } { ...F }",
                "fragment F on GeoInput { lat } { ...F }",
                "{ rider { ... on Boolean { x } } }",
                "{ rescues { ... on RescueStatus { x } } }",
                "fragment F on Unknown { x } { ... on AlsoUnknown { x } }",
                "fragment F on DateTime { x } { ... on ComplexInput { x } }",
            ])
    }

    @Test func reportsTheTypeCondition() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "fragment Leaf on Int { a }\n{ ... on Severity { b } }",
            [
                ("Fragment \"Leaf\" cannot condition on non composite type \"Int\".", [[1, 18]]),
                ("Fragment cannot condition on non composite type \"Severity\".", [[2, 10]]),
            ])
    }
}
