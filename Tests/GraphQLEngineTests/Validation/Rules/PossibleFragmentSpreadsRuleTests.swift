import Testing

@testable import GraphQLEngine

@Suite struct PossibleFragmentSpreadsRuleTests {
    let rules = ["PossibleFragmentSpreadsRule"]

    @Test func verdictsMatchGraphQLJS() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ bike { ... on Bike { id } ... on Vehicle { id } ... on Ride { __typename } ... on Node { id } } }",
                "{ vehicle { ... on Bike { id } ... on Powered { id } ... on Ride { __typename } } }",
                "{ party { ... on Rider { id } ... on Named { name } ... on Node { id } } }",
                "{ bike { ... on Scooter { id } } }",
                "{ bike { ... on Party { __typename } } }",
                "{ party { ... on Vehicle { id } ... on Bike { id } } }",
                "{ ride { ... on Party { __typename } ... on Place { __typename } } }",
                "{ place { ... on Named { __typename } ... on Node { id } } }",
                "fragment B on Bike { id } fragment S on Scooter { id } { vehicle { ...B ...S } bike { ...S } }",
                "fragment P on Powered { id } { bike { ...P } ride { ...P } party { ...P } }",
                "fragment R on Rider { id } { rider { ... on Mechanic { id } ...R } }",
                "fragment X on Unknown { id } fragment L on Int { x } { bike { ...X ...L ... on Missing { id } } }",
                "{ powered { ... on Bike { id } ... on EBike { id } } }",
                "{ named { ... on Station { id } ... on Mechanic { id } } }",
            ])
    }

    @Test func reportsTheSpreadWithBothTypes() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "fragment S on Scooter { id }\n{ bike { ...S ... on Rider { id } } }",
            [
                (
                    "Fragment \"S\" cannot be spread here as objects of type \"Bike\" can never be of type \"Scooter\".",
                    [[2, 10]]
                ),
                (
                    "Fragment cannot be spread here as objects of type \"Bike\" can never be of type \"Rider\".",
                    [[2, 15]]
                ),
            ])
    }
}
