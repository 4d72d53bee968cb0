import Testing

@testable import GraphQLEngine

@Suite struct UniqueFragmentNamesRuleTests {
    let rules = ["UniqueFragmentNamesRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ ...A ...B } fragment A on Query { count } fragment B on Query { count }",
                "{ ... on Query { count } }",
                "{ ...A } fragment A on Query { count } fragment A on Query { bike { id } }",
                "fragment A on Query { count } fragment A on Query { count } fragment A on Query { count }",
                "query A { ...A } fragment A on Query { count }",
                "fragment A on Rider { id } fragment B on Rider { id } fragment A on Bike { id } fragment B on Bike { id }",
                "fragment Same on Query { count }\nfragment Other on Query { count }\nfragment Same on Query { count }",
                "{ count } fragment a on Query { count } fragment A on Query { count }",
            ])
    }

    @Test func reportsTheFirstAndTheRepeatedName() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "fragment F on Query { count }\nfragment F on Query { count }",
            [("There can be only one fragment named \"F\".", [[1, 10], [2, 10]])])
    }
}
