import Testing

@testable import GraphQLEngine

@Suite struct KnownDirectivesRuleTests {
    let rules = ["KnownDirectivesRule"]

    @Test func directivesAreKnownAndWellPlacedAsGraphQLJSJudgesThem() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ count bike { id } }",
                "{ count @include(if: true) bike @skip(if: false) { id } }",
                "{ count @unknown bike @alsoUnknown(x: 1) { id @onField } }",
                "query Q @onQuery { count } mutation M @onMutation { ping } subscription S @onSubscription { heartbeat }",
                "query Q @onMutation { count } mutation M @onQuery { ping } subscription S @onQuery { heartbeat }",
                "query Q($v: Int @onVariableDefinition) { count @onField }",
                "query Q($v: Int @onField) { count @onVariableDefinition }",
                """
                query Q @onQuery { ...F @onFragmentSpread ... on Query @onInlineFragment { count } }
                fragment F on Query @onFragmentDefinition { count }
                """,
                """
                query Q @onQuery { ...F @onInlineFragment ... on Query @onFragmentSpread { count } }
                fragment F on Query @onFragmentSpread { count @onFragmentDefinition }
                """,
                "{ count @tag(label: \"a\") @tag @needs(level: 1) @deprecated }",
            ])
    }

    @Test func directivesOnTypeSystemDefinitionsAreCheckedToo() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                """
                type T @onObject { f(a: Int @onField): String @onFieldDefinition }
                scalar S @onObject
                input I @onObject { x: Int @deprecated }
                extend input I { y: Int @deprecated }
                enum E @onObject { A @onField }
                schema @onObject { query: T }
                extend schema @onQuery
                interface N @onObject { id: ID }
                union U @onObject = T
                directive @mine(arg: Int @deprecated) on OBJECT | ARGUMENT_DEFINITION
                extend type T @mine
                """,
                """
                directive @mine on FIELD
                { count @mine bike @mine { id } }
                """,
                """
                type T @deprecated { f: Int @deprecated }
                extend scalar S @specifiedBy(url: "x")
                """,
            ], requireValidAndInvalid: false)
    }

    @Test func unknownAndMisplacedDirectivesAreWordedAsGraphQLJSWordsThem() throws {
        try ValidationHarness.expectErrors(
            rules: rules,
            document: """
                query Q @onField {
                  count @nope
                }
                """,
            [
                (#"Directive "@onField" may not be used on QUERY."#, [[1, 9]]),
                (#"Unknown directive "@nope"."#, [[2, 9]]),
            ])
    }
}
