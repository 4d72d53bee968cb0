import Testing

@testable import GraphQLEngine

@Suite struct VariablesAreInputTypesRuleTests {
    let rules = ["VariablesAreInputTypesRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "query ($a: String, $b: [Boolean!]!, $c: ComplexInput, $d: Severity) { count }",
                "query ($a: DateTime!, $b: [[ID]], $c: GeoInput = {lat: 1, lng: 2}) { count }",
                "query ($a: Rider) { count }",
                "query ($a: [Vehicle!]!, $b: Party, $c: [[Station]]) { count }",
                "query ($a: Unknown, $b: [Missing!]) { count }",
                "query ($a: Node!) { count } query B($b: GeoPoint) { count }",
                "mutation ($a: Rescue, $b: RescueInput!) { ping }",
                "query ($a: __Type, $b: __TypeKind) { count }",
                "query ($a: Query) { count }",
            ])
    }

    @Test func printsTheTypeAsWritten() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "query ($ok: Int, $bad: [Rider!]!) { count }",
            [("Variable \"$bad\" cannot be non-input type \"[Rider!]!\".", [[1, 24]])])
    }
}
