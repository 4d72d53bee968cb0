import Testing

@testable import GraphQLEngine

@Suite struct ProvidedRequiredArgumentsRuleTests {
    let rules = ["ProvidedRequiredArgumentsRule"]

    @Test func requiredArgumentsAreGivenAsGraphQLJSJudgesIt() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ node(id: 1) { id } echo(message: \"hi\") }",
                "{ node { id } echo }",
                "{ args { multipleReqs(req1: 1) m2: multipleReqs } }",
                "{ args { nonNullFieldWithDefault multipleOpts multipleOptAndReq(req2: 1) } }",
                "{ args { nonNullIntArg(nonNullIntArg: null) } }",
                "{ count @include @skip(if: true) @needs @needs(level: 1) }",
                "{ nope node(idd: 1) { id } }",
                "mutation { openRescue { id } cancelRescue(reason: \"x\") { id } }",
                """
                directive @mine(a: Int!, b: String! = "x", c: [Int]!) on FIELD
                { count @mine }
                """,
                "{ rider { rescues { id } } station { id } }",
            ])
    }

    @Test func errorsInsideAFieldComeBeforeTheFieldsOwn() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ rescue { requester { ... on Rider { rescues { id } } } } node { id @include } }",
            [
                (#"Field "rescue" argument "id" of type "ID!" is required, but it was not provided."#, [[1, 3]]),
                (
                    #"Directive "@include" argument "if" of type "Boolean!" is required, but it was not provided."#,
                    [[1, 70]]
                ),
                (#"Field "node" argument "id" of type "ID!" is required, but it was not provided."#, [[1, 60]]),
            ])
    }
}
