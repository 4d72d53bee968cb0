import Testing

@testable import GraphQLEngine

@Suite struct KnownArgumentNamesRuleTests {
    let rules = ["KnownArgumentNamesRule"]

    @Test func argumentsAreKnownAsGraphQLJSJudgesThem() async throws {
        try await ValidationHarness.expectSameVerdictsAsGraphQLJS(
            rules: rules,
            documents: [
                "{ rider(id: 1, email: \"a\") { name(short: true) } }",
                "{ rider(idd: 1) { name(shrt: true) } }",
                "{ rider(ID: 1, mail: \"x\", unrelated: 2) { id } }",
                "{ count @include(if: true) @skip(iff: false) }",
                "{ count @needs(level: 1, reasons: \"x\", other: 1) }",
                "{ count @unknown(whatever: 1) nope(x: 1) }",
                "{ args { multipleOptAndReq(req1: 1, req3: 2, opt: 3) } }",
                "{ vehicle(id: 1) { label(uppercase: true) ... on Bike { frameSize(unit: KM, units: MI) } } }",
                """
                directive @mine(flag: Boolean) on FIELD
                { count @mine(flag: true, flags: false) }
                """,
                "{ __type(name: \"Rider\", nam: 1) { name } __typename(x: 1) }",
            ])
    }

    @Test func unknownArgumentsComeWithSuggestions() throws {
        try ValidationHarness.expectErrors(
            rules: rules,
            document: "{ rider(emial: \"a\") { id } count @skip(iff: true) }",
            [
                (#"Unknown argument "emial" on field "Query.rider". Did you mean "email"?"#, [[1, 9]]),
                (#"Unknown argument "iff" on directive "@skip". Did you mean "if"?"#, [[1, 40]]),
            ])
    }

    @Test func suggestionsCanBeTurnedOff() throws {
        try ValidationHarness.expectErrors(
            rules: rules, document: "{ rider(emial: \"a\") { id } }",
            [(#"Unknown argument "emial" on field "Query.rider"."#, [[1, 9]])], suggestions: false)
    }
}
