import Testing

@testable import GraphQLEngine

@Suite struct KnownFragmentNamesRuleTests {
    let rules = ["KnownFragmentNamesRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ ...F } fragment F on Query { count }",
                "{ ...F rider { ...G } } fragment F on Query { count } fragment G on Rider { id ...H } fragment H on Rider { name }",
                "{ ...Missing }",
                "{ rider { ...Gone ... on Rider { ...AlsoGone } } }",
                "fragment F on Query { ...Nowhere } { ...F }",
                "{ ...f } fragment F on Query { count }",
                "{ ...F @onFragmentSpread } fragment F on Query { count }",
                "{ ...A ...A ...B }",
            ])
    }

    @Test func pointsAtTheFragmentName() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ count ...  Nope }",
            [("Unknown fragment \"Nope\".", [[1, 14]])])
    }
}
