import Testing

@testable import GraphQLEngine

@Suite struct UniqueDirectivesPerLocationRuleTests {
    let rules = ["UniqueDirectivesPerLocationRule"]

    @Test func nonRepeatableDirectivesAppearOnceAsGraphQLJSJudgesIt() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ count @onField }",
                "{ count @onField @onField }",
                "{ count @onField @onField @onField bike @onField { id } }",
                "{ count @tag(label: \"a\") @tag(label: \"b\") @tag }",
                "{ count @unknownOne @unknownOne }",
                "{ count @include(if: true) @skip(if: true) @include(if: false) @skip(if: false) }",
                "query Q($v: Int @onVariableDefinition @onVariableDefinition) @onQuery @onQuery { count }",
                """
                { ...F @onFragmentSpread @onFragmentSpread ... @onInlineFragment @onInlineFragment { count } }
                fragment F on Query @onFragmentDefinition @onFragmentDefinition { count }
                """,
                """
                directive @once on FIELD
                directive @many repeatable on FIELD
                { count @once @once @many @many }
                """,
                """
                type T @onObject { f: Int @deprecated @deprecated }
                extend type T @onObject
                extend type T @onObject
                schema @onObject { query: T }
                extend schema @onObject
                """,
            ])
    }

    @Test func aRepeatIsReportedAtBothDirectives() throws {
        try ValidationHarness.expectErrors(
            rules: rules,
            document: "{ count @onField @onField @onField }",
            [
                (#"The directive "@onField" can only be used once at this location."#, [[1, 9], [1, 18]]),
                (#"The directive "@onField" can only be used once at this location."#, [[1, 9], [1, 27]]),
            ])
    }
}
