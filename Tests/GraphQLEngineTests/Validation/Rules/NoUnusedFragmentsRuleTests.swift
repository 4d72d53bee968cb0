import Testing

@testable import GraphQLEngine

@Suite struct NoUnusedFragmentsRuleTests {
    let rules = ["NoUnusedFragmentsRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ ...F } fragment F on Query { count }",
                "{ ...A } fragment A on Query { ...B } fragment B on Query { rider { ...C } } fragment C on Rider { id }",
                "{ count } fragment F on Query { count }",
                "{ ...A } fragment A on Query { count } fragment B on Query { ...C } fragment C on Query { count }",
                "query Q { count } mutation M { ...M } fragment M on Mutation { ping } fragment N on Mutation { ping }",
                "fragment A on Query { ...B } fragment B on Query { ...A }",
                "{ ...Missing } fragment Unused on Query { count }",
                "{ ...A } fragment A on Query { count } fragment A on Query { bike { id } }",
                "{ count } fragment A on Query { count } fragment A on Query { count }",
            ])
    }

    @Test func reportsWholeFragmentsAfterTheDocument() throws {
        try ValidationHarness.expectErrors(
            rules: rules,
            document:
                "fragment Early on Query { count }\n{ ...Used }\nfragment Used on Query { count }\n  fragment Late on Query { count }",
            [
                ("Fragment \"Early\" is never used.", [[1, 1]]),
                ("Fragment \"Late\" is never used.", [[4, 3]]),
            ])
    }
}
