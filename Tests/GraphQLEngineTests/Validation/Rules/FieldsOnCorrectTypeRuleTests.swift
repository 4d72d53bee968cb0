import Testing

@testable import GraphQLEngine

@Suite struct FieldsOnCorrectTypeRuleTests {
    let rules = ["FieldsOnCorrectTypeRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ count bike { id gears serial __typename } }",
                "{ __schema { types { name } } __type(name: \"Rider\") { name } __typename }",
                "{ vehicle { batteryPercent } }",
                "{ ride { id } }",
                "{ party { name } }",
                "{ party { nmae } }",
                "{ bike { gear labl } }",
                "{ rider { bikes { motorWatts maxSpeed gears } } }",
                "{ named { id email skills } }",
                "{ place { lat name } }",
                "{ vehicle { ... on Bike { motorWatts } ... on Powered { gears } } }",
                "{ unknownRoot { whatever { deeper } } }",
                "mutation { ping openRescue { idd } cancel }",
                "subscription { heartbeat __schema { types { name } } }",
                "{ rider { __typename ... on Named { name email } } }",
                "{ node { kind } }",
                "fragment F on Powered { serial gears } { powered { ...F } }",
                "{ rescues { ... on Rescue { severty } ... { requester { rating } } } }",
            ])
    }

    @Test func suggestsInterfacesBeforeObjectsByHowManyTypesShareTheField() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ vehicle { batteryPercent } }",
            [
                (
                    "Cannot query field \"batteryPercent\" on type \"Vehicle\". Did you mean to use an inline fragment on \"Powered\", \"EBike\", or \"Scooter\"?",
                    [[1, 13]]
                )
            ])
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ ride { id } }",
            [
                (
                    "Cannot query field \"id\" on type \"Ride\". Did you mean to use an inline fragment on \"Node\", \"Vehicle\", \"Powered\", \"Bike\", or \"EBike\"?",
                    [[1, 10]]
                )
            ])
    }

    @Test func suggestsFieldNamesWhenNoTypeHasTheField() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ bike { gear } }",
            [("Cannot query field \"gear\" on type \"Bike\". Did you mean \"gears\"?", [[1, 10]])])
    }

    @Test func suggestionsCanBeTurnedOff() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ bike { gear } vehicle { batteryPercent } }",
            [
                ("Cannot query field \"gear\" on type \"Bike\".", [[1, 10]]),
                ("Cannot query field \"batteryPercent\" on type \"Vehicle\".", [[1, 27]]),
            ], suggestions: false)
    }
}
