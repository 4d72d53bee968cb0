import Testing

@testable import GraphQLEngine

@Suite struct VariablesInAllowedPositionRuleTests {
    let rules = ["VariablesInAllowedPositionRule"]

    @Test func variablesAreUsedWhereAllowedAsGraphQLJSJudgesIt() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "query Q($id: ID!) { node(id: $id) { id } }",
                "query Q($id: ID) { node(id: $id) { id } }",
                "query Q($id: ID = 1) { node(id: $id) { id } }",
                "query Q($id: ID = null) { node(id: $id) { id } }",
                "query Q($i: Int) { args { nonNullFieldWithDefault(arg: $i) } }",
                "query Q($i: String) { args { intArg(intArg: $i) } }",
                "query Q($l: [String]) { args { stringListNonNullArg(stringListNonNullArg: $l) } }",
                "query Q($l: [String!]) { args { stringListArg(stringListArg: $l) } }",
                "query Q($l: String) { args { stringListArg(stringListArg: [$l]) s2: stringListNonNullArg(stringListNonNullArg: [$l]) } }",
                "query Q($b: Boolean) { count @include(if: $b) }",
                "query Q($b: Boolean!) { count @include(if: $b) }",
                """
                query Q($s: Severity, $u: DistanceUnit) { ...F }
                fragment F on Query { rescues(filter: { severities: [$s] }) { id } powered { range(unit: $u) } }
                """,
                """
                query A($x: Int) { ...F }
                query B($x: Int!) { ...F }
                fragment F on Query { args { nonNullIntArg(nonNullIntArg: $x) } }
                """,
                "query Q($v: Vehicle, $u: Unknown) { node(id: $v) { id } echo(message: $u) }",
                "query Q($f: RescueFilter!) { rescues(filter: $f) { id } r2: station(near: $f) { id } }",
            ])
    }

    @Test func theMessageNamesBothTypesAndPointsAtBothPlaces() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "query Q($id: ID) {\n  node(id: $id) { id }\n}",
            [(#"Variable "$id" of type "ID" used in position expecting type "ID!"."#, [[1, 9], [2, 12]])])
    }
}
