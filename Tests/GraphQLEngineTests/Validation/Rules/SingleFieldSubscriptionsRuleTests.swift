import Testing

@testable import GraphQLEngine

@Suite struct SingleFieldSubscriptionsRuleTests {
    let rules = ["SingleFieldSubscriptionsRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "subscription { heartbeat }",
                "subscription S { rescueUpdated(id: 1) { id status } }",
                "subscription S { heartbeat stationChanged { id } }",
                "subscription { heartbeat a: heartbeat }",
                "subscription { heartbeat heartbeat }",
                "subscription S { __typename }",
                "subscription { heartbeat __typename }",
                "subscription { ...F } fragment F on Subscription { heartbeat stationChanged { name } }",
                "subscription { ... on Subscription { heartbeat } ...F a: heartbeat __typename } fragment F on Subscription { stationChanged { id } heartbeat }",
                "subscription { heartbeat @include(if: false) stationChanged { id } }",
                "subscription { heartbeat stationChanged @skip(if: true) { id } }",
                "subscription { heartbeat @skip(if: false) stationChanged { id } }",
                "subscription { ... on Query { count } ...G heartbeat } fragment G on Query { count }",
                "subscription { ...Missing heartbeat }",
                "subscription { ...F ...F } fragment F on Subscription { heartbeat stationChanged { id } }",
                "query { count bike { id } } mutation { ping openRescue(input: {vehicleId: 1, severity: LOW}) { id } }",
                "subscription { __schema { queryType { name } } __type(name: \"Rider\") { name } }",
            ])
    }

    @Test func namesTheOperationAndPointsAtTheExtraFields() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "subscription Watch {\n  heartbeat\n  stationChanged { id }\n  again: heartbeat\n}",
            [("Subscription \"Watch\" must select only one top level field.", [[3, 3], [4, 3]])])
    }

    @Test func aVariableConditionKeepsTheFieldWhereGraphQLJSThrows() throws {
        // graphql-js 16 throws on this document; we count the field.
        try ValidationHarness.expectErrors(
            rules: rules, document: "subscription { heartbeat @skip(if: $x) stationChanged { id } }",
            [("Anonymous Subscription must select only one top level field.", [[1, 40]])])
    }
}
