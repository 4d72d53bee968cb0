import Testing

@testable import GraphQLEngine

@Suite struct ScalarLeafsRuleTests {
    let rules = ["ScalarLeafsRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ count bike { id kind serial } }",
                "{ bike }",
                "{ rescues }",
                "{ party }",
                "{ count { x } }",
                "{ bike { kind { name } } }",
                "{ rescues { status { x } severity } }",
                "{ rider { bikes } }",
                "{ args { intArg(intArg: 1) { x } } }",
                "{ rider { rescues(first: 2) } }",
                "mutation { ping { x } openRescue(input: {vehicleId: 1, severity: LOW}) }",
                "{ __typename { x } __schema }",
                "{ unknown { x } rider { unknownToo } }",
            ])
    }

    @Test func leafWithSelectionPointsAtTheSelectionSet() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ rescues { status { name } } }",
            [("Field \"status\" must not have a selection since type \"RescueStatus!\" has no subfields.", [[1, 20]])])
    }

    @Test func objectWithoutSelectionNamesTheWrappedType() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ rescues }",
            [
                (
                    "Field \"rescues\" of type \"[Rescue!]!\" must have a selection of subfields. Did you mean \"rescues { ... }\"?",
                    [[1, 3]]
                )
            ])
    }
}
