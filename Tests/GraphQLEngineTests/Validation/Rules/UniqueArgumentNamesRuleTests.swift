import Testing

@testable import GraphQLEngine

@Suite struct UniqueArgumentNamesRuleTests {
    let rules = ["UniqueArgumentNamesRule"]

    @Test func argumentsAreGivenOnceAsGraphQLJSJudgesIt() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ rider(id: 1, email: \"a\") { id } }",
                "{ rider(id: 1, id: 2) { id } }",
                "{ rider(id: 1, email: \"a\", id: 2, email: \"b\", id: 3) { id } }",
                "{ count @include(if: true, if: false) }",
                "{ count @tag(label: \"a\") @tag(label: \"b\") }",
                "{ nope(x: 1, x: 2) { y(z: 1, z: 1) } }",
                "{ a: rider(id: 1) { id } b: rider(id: 1) { id } }",
                "{ args { multipleReqs(req1: 1, req2: 2, req1: 3) } }",
                "{ count @unknown(a: 1, a: 2) }",
            ])
    }

    @Test func everyUseOfARepeatedNameIsLocated() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ rider(id: 1, email: \"a\", id: 2) { id } }",
            [(#"There can be only one argument named "id"."#, [[1, 9], [1, 28]])])
    }
}
