import Testing

@testable import GraphQLEngine

@Suite struct NoUnusedVariablesRuleTests {
    let rules = ["NoUnusedVariablesRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "query ($id: ID!) { rescue(id: $id) { id } }",
                "query ($id: ID!, $unused: Int) { rescue(id: $id) { id } }",
                "query Q($a: ID, $b: String, $c: Boolean) { ...F } fragment F on Query { rider(id: $a) { ...G } } fragment G on Rider { name(short: $c) }",
                "query A($a: ID) { ...F } query B($a: ID, $b: String) { ...F } fragment F on Query { rider(id: $a) { id } }",
                "query ($s: Boolean, $i: Boolean) { count @skip(if: $s) }",
                "query ($r: Boolean!, $x: String) { args { complexArg(complexArg: { requiredField: $r, stringListField: [$x] }) } }",
                "query ($a: Int = 1, $b: Int = $a) { count }",
                "query ($x: Int) { ...F } fragment F on Query { ...F count }",
                "query ($x: Int) { ...Missing }",
                "query ($x: Int) { count } fragment F on Query { args { intArg(intArg: $x) } }",
            ])
    }

    @Test func reportsTheWholeDefinition() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "query Q($used: ID, $spare: Int = 3) { rescue(id: $used) { id } }",
            [("Variable \"$spare\" is never used in operation \"Q\".", [[1, 20]])])
        try ValidationHarness.expectErrors(
            rules: rules, document: "query ($spare: Int) { count }",
            [("Variable \"$spare\" is never used.", [[1, 8]])])
    }
}
