import Testing

@testable import GraphQLEngine

@Suite struct LoneAnonymousOperationRuleTests {
    let rules = ["LoneAnonymousOperationRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ count }",
                "{ ...F } fragment F on Query { count }",
                "query A { count } query B { count }",
                "{ count } { bike { id } }",
                "{ count } query A { count }",
                "query A { count } { count }",
                "{ count } mutation { ping }",
                "subscription { heartbeat } { count }",
                "{ count } fragment F on Query { count } fragment G on Query { count }",
                "{ a: count } { b: count } { c: count }",
            ])
    }

    @Test func reportsEveryAnonymousOperationBesideOthers() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ count }\nquery Named { count }\n  mutation { ping }",
            [
                ("This anonymous operation must be the only defined operation.", [[1, 1]]),
                ("This anonymous operation must be the only defined operation.", [[3, 3]]),
            ])
    }
}
