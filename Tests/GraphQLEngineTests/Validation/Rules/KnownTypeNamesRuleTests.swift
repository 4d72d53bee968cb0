import Testing

@testable import GraphQLEngine

@Suite struct KnownTypeNamesRuleTests {
    let rules = ["KnownTypeNamesRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "query ($id: ID, $f: RescueFilter, $list: [Severity!]!) { count }",
                "query ($a: Strin, $b: [Ridr]!, $c: GeoInptu!) { count }",
                "{ ... on Ridr { id } ... on Rider { id } }",
                "fragment F on Stashun { id } { ...F }",
                "query ($a: __Type) { count }",
                "query ($a: Unknown) { party { ... on AlsoUnknown { __typename } } }",
                "query ($a: DateTim, $b: ObjectId) { count }",
                "{ count } type Local { a: Int b: Strin c: Rider d: String } query ($x: Local) { count }",
                "{ count } extend type Rider { extra: Flot } scalar Mine",
                "query ($a: severity) { count }",
                "{ ride { ... on bike { id } ... on EBike { id } } }",
            ])
    }

    @Test func suggestsCloseTypeNames() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "query ($a: Rder) { count }",
            [("Unknown type \"Rder\". Did you mean \"Rider\" or \"Ride\"?", [[1, 12]])])
    }

    @Test func suggestionsCanBeTurnedOff() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "query ($a: Rder) { count }",
            [("Unknown type \"Rder\".", [[1, 12]])], suggestions: false)
    }
}
