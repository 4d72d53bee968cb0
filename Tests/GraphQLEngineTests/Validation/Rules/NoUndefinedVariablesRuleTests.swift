import Testing

@testable import GraphQLEngine

@Suite struct NoUndefinedVariablesRuleTests {
    let rules = ["NoUndefinedVariablesRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "query ($id: ID!) { rescue(id: $id) { id } }",
                "query ($id: ID) { rescue(id: $id) { id } } query B { rider(id: $id) { id } }",
                "{ rescue(id: $id) { id } }",
                "query Q { rider(id: $a, email: $b) { id } echo(message: $a) }",
                "query Q($a: ID) { ...F } fragment F on Query { rider(id: $a, email: $b) { id ...G } } fragment G on Rider { name(short: $c) }",
                "query A { ...F } query B($b: String) { ...F } fragment F on Query { rider(email: $b) { id } }",
                "query ($s: Boolean) { count @skip(if: $s) bike @include(if: $i) { id } }",
                "query { args { complexArg(complexArg: { requiredField: $r, stringListField: [$x, \"y\"] }) } }",
                "query ($a: Int = $b) { count }",
                "query ($x: Int) { ...F } fragment F on Query { ...F count @needs(level: $x, reason: $why) }",
                "fragment F on Query { rider(id: $id) { id } }",
            ])
    }

    @Test func reportsEachUseWithTheOperation() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "query Q {\n  rider(id: $a) { id }\n  echo(message: $a)\n}",
            [
                ("Variable \"$a\" is not defined by operation \"Q\".", [[2, 13], [1, 1]]),
                ("Variable \"$a\" is not defined by operation \"Q\".", [[3, 17], [1, 1]]),
            ])
    }
}
